package eu.seta.gateway.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import eu.seta.gateway.crypto.CryptoProperties;
import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.crypto.CryptoWorkers;
import eu.seta.gateway.directory.LoginName;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalStatus;
import eu.seta.gateway.directory.PrincipalType;
import eu.seta.gateway.directory.Role;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof check, and what it costs: every refusal pays for RSA verification, so that the time of an answer does
 * not tell an unknown or keyless principal from a wrong signature.
 */
class SignatureProofVerifierTests {

	private final CryptoWorkers workers = new CryptoWorkers(2);

	/** The keys each RSA verification was asked to use, in order. */
	private final List<RSAPublicKey> verifications = new CopyOnWriteArrayList<>();

	private final SignatureProofVerifier verifier = new SignatureProofVerifier(this.workers, (key, message, signature) -> {
		this.verifications.add(key);
		return SignatureProofVerifier.verifies(CryptoProvider.jdk(), key, message, signature);
	});

	@AfterEach
	void stopWorkers() {
		this.workers.destroy();
	}

	@Test
	void theRightKeyVerifiesAndOneVerificationIsSpent() {
		ProofRequest proof = proof(ALICE_KEY.getPrivate());
		assertThat(this.verifier.verify(principal(ALICE_KEY.getPublic()), proof).block()).isTrue();
		assertThat(this.verifications).containsExactly((RSAPublicKey) ALICE_KEY.getPublic());
	}

	@Test
	void aWrongSignatureIsRefusedAfterOneVerification() {
		ProofRequest proof = proof(BOB_KEY.getPrivate());
		assertThat(this.verifier.verify(principal(ALICE_KEY.getPublic()), proof).block()).isFalse();
		assertThat(this.verifications).hasSize(1);
	}

	@Test
	void anUnknownPrincipalCostsOneVerificationAgainstARealSizedDecoyKey() {
		ProofRequest proof = proof(ALICE_KEY.getPrivate());
		assertThat(this.verifier.verify(null, proof).block()).isFalse();
		assertThat(this.verifications).singleElement()
			.satisfies((key) -> assertThat(key.getModulus().bitLength()).isEqualTo(2048))
			.isNotEqualTo(ALICE_KEY.getPublic());
	}

	@Test
	void aPrincipalWithoutKeysCostsOneVerificationToo() {
		ProofRequest proof = proof(ALICE_KEY.getPrivate());
		assertThat(this.verifier.verify(principal(), proof).block()).isFalse();
		assertThat(this.verifications).hasSize(1);
	}

	/**
	 * The decoy is an odd number of a real key's size, not a generated key pair: both providers must take it for
	 * a key and answer "no" to any signature (an exception would make an unknown login a 500, and a quick one would
	 * tell it apart by time).
	 */
	@ParameterizedTest
	@EnumSource(CryptoProperties.Choice.class)
	void theDecoyKeyIsAKeyToBothProvidersThatNoSignatureVerifies(CryptoProperties.Choice choice) {
		CryptoProvider provider = CryptoProvider.select(choice);
		RSAPublicKey decoy = SignatureProofVerifier.decoyKey();
		assertThat(decoy.getModulus().bitLength()).isEqualTo(2048);
		assertThat(decoy.getModulus().testBit(0)).isTrue();
		String message = Messages.randomLetters();
		byte[] aliceSigned = HexFormat.of().parseHex(TestKeys.sign(ALICE_KEY.getPrivate(), message));
		byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
		assertThat(SignatureProofVerifier.verifies(provider, decoy, bytes, aliceSigned)).isFalse();
		assertThat(SignatureProofVerifier.verifies(provider, decoy, bytes, justBelow(decoy.getModulus()))).isFalse();
	}

	@Test
	void eachVerifierHasADecoyOfItsOwn() {
		assertThat(SignatureProofVerifier.decoyKey()).isNotEqualTo(SignatureProofVerifier.decoyKey());
	}

	/** Even a signature that verifies against the decoy key gets no principal in: there is none. */
	@Test
	void aSignatureValidForTheDecoyKeyStillProvesNothing() {
		SignatureProofVerifier alwaysValid = new SignatureProofVerifier(this.workers, (key, message, signature) -> true);
		assertThat(alwaysValid.verify(null, proof(ALICE_KEY.getPrivate())).block()).isFalse();
		assertThat(alwaysValid.verify(principal(), proof(ALICE_KEY.getPrivate())).block()).isFalse();
	}

	/** A login attempt in a log line or a debugger shows who tried, never the message or the signature. */
	@Test
	void aProofPrintsAsItsLoginOnly() {
		ProofRequest proof = proof(ALICE_KEY.getPrivate());
		assertThat(proof).hasToString("ProofRequest[login=github/alice]");
	}

	private static ProofRequest proof(java.security.PrivateKey key) {
		String message = Messages.randomLetters();
		byte[] signature = HexFormat.of().parseHex(TestKeys.sign(key, message));
		return new ProofRequest(new LoginName("github", "alice"), message, signature);
	}

	private static Principal principal(java.security.PublicKey... keys) {
		List<RSAPublicKey> rsa = Arrays.stream(keys).map(RSAPublicKey.class::cast).toList();
		return new Principal("u-alice", new LoginName("github", "alice"), PrincipalType.USER, null, Role.USER,
				PrincipalStatus.ACTIVE, rsa);
	}

	/** The largest kind of signature a key of this size takes: the modulus less two, in its 256 bytes. */
	private static byte[] justBelow(BigInteger modulus) {
		byte[] signed = modulus.subtract(BigInteger.TWO).toByteArray();
		return Arrays.copyOfRange(signed, signed.length - 256, signed.length);
	}

}
