package eu.seta.gateway.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README, "Signing keys and rotation", on a running gateway: an EC key as {@code openssl genpkey} writes it signs,
 * and a broken file in the folder neither stops the gateway nor the rotation of the other keys.
 */
class KeyFolderTests {

	@TempDir
	Path keys;

	@Test
	void anOpensslEcKeySignsAndABrokenFileDoesNotBlockRotation() throws Exception {
		write("2026-11.pem", resource("/keys/openssl-genpkey-p256.pem"));
		write("broken.pem", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
		try (RunningGateway gateway = RunningGateway
			.start(Map.of("seta.keys.directory", this.keys, "seta.keys.reload-interval", "100ms"))) {
			String token = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate()).accessToken();
			assertThat(Jwts.header(token).get("alg").stringValue()).isEqualTo("ES256");
			assertThat(Jwts.header(token).get("kid").stringValue()).isEqualTo("2026-11");
			assertThat(jwks(gateway)).contains("\"kid\":\"2026-11\"").contains("\"crv\":\"P-256\"").doesNotContain("broken");
			// the token verifies under the public key the gateway derived and publishes
			ECKey published = (ECKey) JWKSet.parse(jwks(gateway)).getKeyByKeyId("2026-11");
			assertThat(SignedJWT.parse(token).verify(new ECDSAVerifier(published))).isTrue();

			// rotation goes on while the broken file stays: publish the next key, then switch to it
			write(KeyDirectoryLoader.ACTIVE_KID_FILE, "2026-11");
			write("2026-12.json", new RSAKeyGenerator(2048).keyID("2026-12").generate().toJSONString());
			await().atMost(Duration.ofSeconds(30)).until(() -> jwks(gateway).contains("\"kid\":\"2026-12\""));
			write(KeyDirectoryLoader.ACTIVE_KID_FILE, "2026-12");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "2026-12".equals(Jwts.header(gateway.tokens().login(ALICE, ALICE_KEY.getPrivate())
					.accessToken()).get("kid").stringValue()));
		}
	}

	private static String jwks(RunningGateway gateway) {
		return gateway.web()
			.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private void write(String name, String content) throws IOException {
		Path temporary = Files.createTempFile(this.keys, ".write", ".tmp");
		Files.writeString(temporary, content, StandardCharsets.US_ASCII);
		// a Secret update lands whole: write beside, then move
		Files.move(temporary, this.keys.resolve(name), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = KeyFolderTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

}
