package eu.seta.gateway.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;

import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.crypto.CryptoWorkers;
import eu.seta.gateway.directory.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a client's proof of key possession: RSASSA-PKCS1-v1_5 with SHA-256 over the UTF-8 bytes of the
 * message, as pycryptodome's {@code pkcs1_15} signs it. The JDK's verifier does the work; it rejects every
 * malformed padding (see the Wycheproof tests).
 * <p>
 * When there is no principal, or it has no key, the signature is checked against a throw-away key all the same,
 * so that an unknown username costs the same time as a wrong signature and cannot be told apart by timing.
 */
@Component
class SignatureProofVerifier {

	private static final int DECOY_BITS = 2048;

	private final CryptoWorkers workers;

	private final Check check;

	private final RSAPublicKey decoyKey;

	/** One RSA verification; a seam so that tests can count how many a login costs. */
	@FunctionalInterface
	interface Check {

		boolean verifies(RSAPublicKey key, byte[] message, byte[] signature);

	}

	@Autowired
	SignatureProofVerifier(CryptoWorkers workers, CryptoProvider provider) {
		this(workers, (key, message, signature) -> verifies(provider, key, message, signature));
	}

	SignatureProofVerifier(CryptoWorkers workers, Check check) {
		this.workers = workers;
		this.check = check;
		this.decoyKey = decoyKey();
	}

	/**
	 * @return true when one of the principal's keys verifies the signature; always false without a principal. A
	 * signature whose length does not fit the key is simply a wrong one: its length says nothing about the principal
	 */
	Mono<Boolean> verify(@Nullable Principal principal, ProofRequest proof) {
		boolean hasKeys = principal != null && !principal.publicKeys().isEmpty();
		List<RSAPublicKey> keys = hasKeys ? principal.publicKeys() : List.of(this.decoyKey);
		byte[] message = proof.message().getBytes(StandardCharsets.UTF_8);
		return Mono.fromCallable(() -> anyVerifies(keys, message, proof.signature()) && hasKeys)
			.subscribeOn(this.workers.scheduler());
	}

	private boolean anyVerifies(List<RSAPublicKey> keys, byte[] message, byte[] signature) {
		for (RSAPublicKey key : keys) {
			if (this.check.verifies(key, message, signature)) {
				return true;
			}
		}
		return false;
	}

	static boolean verifies(CryptoProvider provider, RSAPublicKey key, byte[] message, byte[] signature) {
		try {
			Signature verifier = provider.signature("SHA256withRSA");
			verifier.initVerify(key);
			verifier.update(message);
			return verifier.verify(signature);
		}
		catch (SignatureException | IllegalArgumentException ex) {
			// a malformed signature (wrong length, value not below the modulus) is bad input, not an error
			return false;
		}
		catch (InvalidKeyException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA verification is unavailable for a directory key", ex);
		}
	}

	/**
	 * Only the size of the decoy's modulus matters: a verification against it must cost what one against a real
	 * 2048-bit key costs. Any odd number of that size does (the check raises a signature to the public exponent
	 * modulo it, with either provider), and nobody can sign for it. Generating a key pair instead searched for two
	 * primes on the starting thread: a quarter to half a second of every start-up.
	 */
	static RSAPublicKey decoyKey() {
		BigInteger modulus = new BigInteger(DECOY_BITS, new SecureRandom()).setBit(DECOY_BITS - 1).setBit(0);
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(modulus, RSAKeyGenParameterSpec.F4));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot make the decoy RSA key", ex);
		}
	}

}
