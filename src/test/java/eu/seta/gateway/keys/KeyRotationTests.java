package eu.seta.gateway.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The documented rotation on a running gateway, with the keys in a folder as a mounted Secret: publish the next
 * key, switch the active one, retire the old one. Tokens of the old key validate through the overlap, not after.
 */
class KeyRotationTests {

	@TempDir
	static Path keys;

	private static WireMockServer backend;

	private static RunningGateway gateway;

	@BeforeAll
	static void start() throws Exception {
		write("2026-10.json", new RSAKeyGenerator(2048).keyID("2026-10").generate().toJSONString());
		backend = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		backend.start();
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
		gateway = RunningGateway.start(Map.of("seta.keys.directory", keys.toString(), "seta.keys.reload-interval",
				"100ms", "SEARCH_URI", backend.baseUrl()));
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.stop();
	}

	@Test
	void publishSwitchRetire() throws Exception {
		TokenPair old = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate());
		assertThat(kidOf(old)).isEqualTo("2026-10");
		assertThat(publishedKids()).containsExactly("2026-10");

		// 1. publish the next key; the current one keeps signing
		write("2026-11.json", new RSAKeyGenerator(2048).keyID("2026-11").generate().toJSONString());
		write("active-kid", "2026-10");
		await().atMost(Duration.ofSeconds(10)).until(() -> publishedKids().contains("2026-11"));
		assertThat(kidOf(gateway.tokens().login(ALICE, ALICE_KEY.getPrivate()))).isEqualTo("2026-10");

		// 2. switch: the next key signs, tokens of the old one still validate
		write("active-kid", "2026-11");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> kidOf(gateway.tokens().login(ALICE, ALICE_KEY.getPrivate())).equals("2026-11"));
		TokenPair fresh = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate());
		assertThat(publishedKids()).containsExactlyInAnyOrder("2026-10", "2026-11");
		call(old).expectStatus().isOk();
		call(fresh).expectStatus().isOk();

		// 3. retire the old key once the longest access-token lifetime has passed
		Files.delete(keys.resolve("2026-10.json"));
		await().atMost(Duration.ofSeconds(10)).until(() -> publishedKids().equals(List.of("2026-11")));
		call(old).expectStatus().isUnauthorized();
		call(fresh).expectStatus().isOk();
		// sessions started under the old key refresh into tokens of the new one
		assertThat(kidOf(gateway.tokens().refreshed(old.refreshToken()))).isEqualTo("2026-11");
	}

	private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec call(TokenPair pair) {
		return gateway.web()
			.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.exchange();
	}

	private static String kidOf(TokenPair pair) {
		return Jwts.header(pair.accessToken()).get("kid").stringValue();
	}

	private static List<String> publishedKids() {
		String jwks = gateway.web()
			.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JsonMapper.builder().build().readTree(jwks).get("keys").valueStream()
			.map((key) -> key.get("kid").stringValue())
			.sorted()
			.toList();
	}

	private static void write(String name, String content) throws IOException {
		// a Secret update lands whole: write beside, then move
		Path temporary = Files.createTempFile(keys, ".tmp", ".part");
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, keys.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

}
