package eu.seta.gateway.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

class KeyEndpointsTests extends GatewayIntegrationTest {

	@Test
	void jwksIsServedAtBothAddressesWithCacheControl() {
		String jwks = jwks("/authentication/v1/jwks");
		assertThat(jwks("/.well-known/jwks.json")).isEqualTo(jwks);
		JsonNode key = JsonMapper.builder().build().readTree(jwks).get("keys").get(0);
		assertThat(key.get("kty").stringValue()).isEqualTo("RSA");
		assertThat(key.get("use").stringValue()).isEqualTo("sig");
		assertThat(key.get("alg").stringValue()).isEqualTo("RS256");
		assertThat(key.has("d")).as("no private part").isFalse();
		assertThat(key.has("p")).isFalse();
	}

	/** Verified with the JDK's Signature directly, not with the library that signed it. */
	@Test
	void accessTokenVerifiesAgainstTheServedKeyAndFailsAfterOneByteChanges() throws Exception {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		String kid = Jwts.header(pair.accessToken()).get("kid").stringValue();
		JsonNode keys = JsonMapper.builder().build().readTree(jwks("/.well-known/jwks.json")).get("keys");
		JsonNode jwk = null;
		for (JsonNode candidate : keys) {
			if (candidate.get("kid").stringValue().equals(kid)) {
				jwk = candidate;
			}
		}
		assertThat(jwk).as("the token's kid is published").isNotNull();
		PublicKey key = KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(unsigned(jwk.get("n").stringValue()), unsigned(jwk.get("e").stringValue())));
		String[] parts = pair.accessToken().split("\\.");
		byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
		byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
		assertThat(verify(key, signingInput, signature)).isTrue();
		for (int position : new int[] { 0, signingInput.length / 2, signingInput.length - 1 }) {
			byte[] tampered = signingInput.clone();
			tampered[position] ^= 1;
			assertThat(verify(key, tampered, signature)).as("payload byte %d changed", position).isFalse();
		}
		byte[] tamperedSignature = signature.clone();
		tamperedSignature[10] ^= 1;
		assertThat(verify(key, signingInput, tamperedSignature)).isFalse();
	}

	@Test
	void metadataNamesTheEndpoints() {
		this.client.get()
			.uri("/.well-known/oauth-authorization-server")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.issuer")
			.isEqualTo("http://localhost:8080")
			.jsonPath("$.token_endpoint")
			.isEqualTo("http://localhost:8080/authentication/v1/token")
			.jsonPath("$.revocation_endpoint")
			.isEqualTo("http://localhost:8080/authentication/v1/token/revoke")
			.jsonPath("$.introspection_endpoint")
			.isEqualTo("http://localhost:8080/authentication/v1/introspect")
			.jsonPath("$.jwks_uri")
			.isEqualTo("http://localhost:8080/.well-known/jwks.json")
			.jsonPath("$.access_token_signing_alg_values_supported[0]")
			.isEqualTo("RS256");
	}

	private String jwks(String path) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueMatches(HttpHeaders.CACHE_CONTROL, "max-age=\\d+, public")
			.expectHeader()
			.contentType("application/jwk-set+json")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static boolean verify(PublicKey key, byte[] input, byte[] signature) throws Exception {
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(key);
		verifier.update(input);
		return verifier.verify(signature);
	}

	private static BigInteger unsigned(String base64url) {
		return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
	}

}
