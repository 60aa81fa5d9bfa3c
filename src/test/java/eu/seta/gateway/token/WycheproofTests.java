package eu.seta.gateway.token;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import eu.seta.gateway.directory.RsaKeyPolicy;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.StandardPrincipals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project Wycheproof's RSASSA-PKCS1-v1_5 SHA-256 vectors (src/test/resources/wycheproof): every valid case gets
 * tokens, every invalid one the 401. Cases the HTTP contract cannot carry (an empty or non-UTF-8 message, a key
 * with exponent 3, which the directory refuses) are checked against the verifier itself.
 */
class WycheproofTests extends GatewayIntegrationTest {

	record Vector(int id, String result, String comment, byte[] message, String signatureHex, RSAPublicKey key) {

		boolean expressibleOverHttp() {
			return this.message.length > 0 && !this.signatureHex.isEmpty() && utf8(this.message) != null
					&& RsaKeyPolicy.violation(this.key).isEmpty();
		}

		@Override
		public String toString() {
			return "tc" + this.id + " " + this.result + " " + this.comment;
		}

	}

	static Stream<Arguments> vectorsOverHttp() {
		return vectors().stream().filter(Vector::expressibleOverHttp).map(Arguments::of);
	}

	static Stream<Arguments> vectorsBeyondHttp() {
		return vectors().stream().filter((vector) -> !vector.expressibleOverHttp()).map(Arguments::of);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectorsOverHttp")
	void gatewayAnswersEachVector(Vector vector) {
		var response = postToken(proof("test", "wycheproof", utf8(vector.message()), vector.signatureHex()));
		if ("valid".equals(vector.result())) {
			response.expectStatus().isOk();
		}
		else {
			// 'acceptable' (a DigestInfo without its NULL) is refused as well: the JDK verifier demands strict DER
			response.expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectorsBeyondHttp")
	void verifierAnswersVectorsTheHttpContractCannotCarry(Vector vector) {
		byte[] signature = HexFormat.of().parseHex(vector.signatureHex());
		boolean verified = SignatureProofVerifier.anyVerifies(List.of(vector.key()), vector.message(), signature);
		assertThat(verified).isEqualTo("valid".equals(vector.result()));
	}

	@Test
	void everyVectorIsChecked() {
		assertThat(vectorsOverHttp().count() + vectorsBeyondHttp().count()).isEqualTo(259);
		assertThat(vectors().stream().filter((vector) -> "valid".equals(vector.result()))).hasSize(9);
	}

	@Test
	void exponentThreeKeysOfTheVectorsAreRefusedByTheDirectoryPolicy() {
		assertThat(vectors().stream()
			.filter((vector) -> vector.key().getPublicExponent().equals(BigInteger.valueOf(3)))
			.map((vector) -> RsaKeyPolicy.violation(vector.key())))
			.isNotEmpty()
			.allSatisfy((violation) -> assertThat(violation).contains("RSA public exponent must be 65537"));
	}

	private static List<Vector> vectors() {
		JsonNode root = StandardPrincipals.wycheproof();
		List<Vector> vectors = new ArrayList<>();
		for (JsonNode group : root.get("testGroups")) {
			RSAPublicKey key = key(group.get("publicKey"));
			for (JsonNode test : group.get("tests")) {
				vectors.add(new Vector(test.get("tcId").intValue(), test.get("result").stringValue(),
						test.get("comment").stringValue(), HexFormat.of().parseHex(test.get("msg").stringValue()),
						test.get("sig").stringValue(), key));
			}
		}
		return vectors;
	}

	private static RSAPublicKey key(JsonNode publicKey) {
		try {
			BigInteger modulus = new BigInteger(publicKey.get("modulus").stringValue(), 16);
			BigInteger exponent = new BigInteger(publicKey.get("publicExponent").stringValue(), 16);
			return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
