package eu.seta.gateway.token;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Locale;

import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.seta.gateway.crypto.CryptoProperties;
import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.testing.FuzzKeys;
import eu.seta.gateway.testing.Fuzzing;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body of {@code POST /authentication/v1/token}, as anyone may send it, through the parser and on to the RSA
 * check of the principal's key. Contract: a body is refused with 400 {@code invalid_request} and nothing else; an
 * accepted one says exactly what its JSON says; the gateway's crypto provider and the JDK agree on every signature;
 * and the only proof that verifies under the principal's key is the one message that key signed (the fuzzer cannot
 * forge RSA, so any other means the check is broken). The seeds hold that signed proof.
 */
class TokenRequestFuzzTests {

	/** The message the seed {@code signed-proof.json} signs with {@link FuzzKeys#RSA}. */
	static final String SIGNED_MESSAGE = "seta-fuzz-proof";

	private static final CryptoProvider GATEWAY_CRYPTO = CryptoProvider.select(CryptoProperties.Choice.AUTO);

	private static final JsonMapper LENIENT = JsonMapper.builder().build();

	private final TokenRequestParser parser = new TokenRequestParser();

	@FuzzTest(maxDuration = "10m")
	void tokenRequestBody(byte[] body) throws Exception {
		Fuzzing.Outcome<ProofRequest> outcome = Fuzzing.run(() -> this.parser.parse(body)).withinBoundsFor(body.length);
		if (!outcome.accepted()) {
			ApiException refusal = outcome.refusedWith(ApiException.class);
			assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refusal.error()).isEqualTo(ErrorCodes.INVALID_REQUEST);
			return;
		}
		ProofRequest proof = outcome.value();
		JsonNode json = LENIENT.readTree(body);
		assertThat(proof.login().username())
			.isEqualTo(json.get(TokenRequestParser.USERNAME).stringValue().toLowerCase(Locale.ROOT));
		assertThat(proof.login().provider())
			.isEqualTo(json.get(TokenRequestParser.PROVIDER).stringValue().toLowerCase(Locale.ROOT));
		assertThat(proof.message()).isEqualTo(json.get(TokenRequestParser.MESSAGE).stringValue());
		assertThat(proof.signature())
			.isEqualTo(HexFormat.of().parseHex(json.get(TokenRequestParser.SIGNATURE).stringValue()));
		assertThat(proof.message().codePointCount(0, proof.message().length()))
			.isLessThanOrEqualTo(TokenRequestParser.MAX_MESSAGE_CHARS);
		assertThat(proof.signature().length).isLessThanOrEqualTo(TokenRequestParser.MAX_SIGNATURE_BYTES);

		RSAPublicKey key = (RSAPublicKey) FuzzKeys.RSA.getPublic();
		byte[] message = proof.message().getBytes(StandardCharsets.UTF_8);
		boolean gateway = SignatureProofVerifier.verifies(GATEWAY_CRYPTO, key, message, proof.signature());
		assertThat(gateway).as("the gateway's provider and the JDK agree")
			.isEqualTo(jdkVerifies(key, message, proof.signature()));
		if (gateway) {
			assertThat(proof.message()).as("only the signed message verifies").isEqualTo(SIGNED_MESSAGE);
		}
	}

	private static boolean jdkVerifies(RSAPublicKey key, byte[] message, byte[] signature) throws Exception {
		Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
		verifier.initVerify(key);
		verifier.update(message);
		try {
			return verifier.verify(signature);
		}
		catch (java.security.SignatureException ex) {
			return false;
		}
	}

}
