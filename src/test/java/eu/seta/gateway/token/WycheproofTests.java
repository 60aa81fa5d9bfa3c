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

import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.directory.RsaKeyPolicy;
import eu.seta.gateway.testing.CryptoProviders;
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
 * tokens, every invalid one the 401. Each vector logs in as a principal of its own holding the vectors' key, so that
 * no vector is refused as the replay of another that signed the same message: only its signature decides. Cases
 * the HTTP contract cannot carry (an empty or non-UTF-8 message, a key with exponent 3, which the directory
 * refuses) are checked against the verifier itself.
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

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectorsOverHttp")
	void gatewayAnswersEachVector(Vector vector) {
		var response = postToken(proof(StandardPrincipals.WYCHEPROOF_PROVIDER,
				StandardPrincipals.wycheproofVector(vector.id()), utf8(vector.message()), vector.signatureHex()));
		switch (vector.result()) {
			case "valid" -> response.expectStatus().isOk();
			case "invalid" -> response.expectStatus()
				.isUnauthorized()
				.expectBody()
				.json("{\"error\":\"invalid_grant\",\"message\":\"Invalid user or signature.\"}", true);
			// 'acceptable' is a DigestInfo without its NULL parameter: RFC 8017 leaves it to the verifier, and
			// pycryptodome signs with the NULL, so either a token or the usual refusal is right, nothing else
			default -> response.expectStatus().value((status) -> assertThat(status).isIn(200, 401));
		}
	}

	/** Every vector, also those HTTP cannot carry, with each provider the gateway may use. */
	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("vectorsWithEachProvider")
	void verifierAnswersEveryVectorWithEachProvider(CryptoProvider provider, Vector vector) {
		byte[] signature = HexFormat.of().parseHex(vector.signatureHex());
		boolean verified = SignatureProofVerifier.verifies(provider, vector.key(), vector.message(), signature);
		switch (vector.result()) {
			case "valid" -> assertThat(verified).isTrue();
			case "invalid" -> assertThat(verified).isFalse();
			default -> {
				// 'acceptable': either answer is right, but each provider always gives the same one
				boolean again = SignatureProofVerifier.verifies(provider, vector.key(), vector.message(), signature);
				assertThat(again).isEqualTo(verified);
			}
		}
	}

	static Stream<Arguments> vectorsWithEachProvider() {
		return CryptoProviders.both()
			.flatMap((provider) -> vectors().stream().map((vector) -> Arguments.of(provider, vector)));
	}

	/** The invalid vectors over HTTP are refused for their signature: the same principal signs in with a valid one. */
	@Test
	void invalidVectorsAreRefusedForTheirSignatureAlone() {
		// the valid vector over the message that most invalid ones sign too
		Vector valid = vectors().stream()
			.filter((vector) -> "valid".equals(vector.result()) && vector.expressibleOverHttp())
			.max(java.util.Comparator.comparingLong((candidate) -> vectors().stream()
				.filter((other) -> java.util.Arrays.equals(other.message(), candidate.message()))
				.count()))
			.orElseThrow();
		List<Vector> invalidOfTheSameMessage = vectors().stream()
			.filter((vector) -> "invalid".equals(vector.result()) && vector.expressibleOverHttp()
					&& java.util.Arrays.equals(vector.message(), valid.message()))
			.toList();
		assertThat(invalidOfTheSameMessage).hasSizeGreaterThan(200);
		// a principal whose invalid vector was refused still logs in with the valid signature of that message,
		// so the refusal was no replay record of the message: it was the signature
		for (Vector invalid : invalidOfTheSameMessage.subList(0, 5)) {
			String username = StandardPrincipals.wycheproofVector(invalid.id());
			postToken(proof(StandardPrincipals.WYCHEPROOF_PROVIDER, username, utf8(invalid.message()),
					invalid.signatureHex())).expectStatus().isUnauthorized();
			postToken(proof(StandardPrincipals.WYCHEPROOF_PROVIDER, username, utf8(valid.message()),
					valid.signatureHex())).expectStatus().isOk();
		}
	}

	@Test
	void everyVectorIsChecked() {
		assertThat(vectors()).hasSize(259);
		assertThat(vectorsOverHttp().count()).isGreaterThan(250);
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
