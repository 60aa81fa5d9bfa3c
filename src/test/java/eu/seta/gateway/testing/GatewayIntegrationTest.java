package eu.seta.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import eu.seta.gateway.SetaGatewayApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running gateway on a random port with the {@link StandardPrincipals} directory and a hand-moved clock.
 * Subclasses with the same settings share one application context; the clock only ever moves forward, as time
 * does, so each test works with the sessions it made itself.
 */
@SpringBootTest(classes = SetaGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "seta.directory.reload-interval=100ms", "management.server.port=0" })
@Import(GatewayIntegrationTest.TestClock.class)
public abstract class GatewayIntegrationTest {

	private static final Path DIRECTORY_FILE = writeStandardDirectory();

	/** Stands in for the platform's backends (search, nlp, ui) behind the gateway's routes. */
	protected static final WireMockServer BACKEND = startBackend();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	protected WebTestClient client;

	@DynamicPropertySource
	static void environment(DynamicPropertyRegistry registry) {
		registry.add("seta.directory.file", DIRECTORY_FILE::toString);
		registry.add("seta.keys.directory", () -> TestSigningKeys.directory().toString());
		registry.add("SEARCH_URI", BACKEND::baseUrl);
		registry.add("NLP_URI", BACKEND::baseUrl);
		registry.add("UI_URI", BACKEND::baseUrl);
	}

	@BeforeEach
	void connect() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** Replaces the directory file; the gateway picks it up within its reload interval. */
	protected static void rewriteDirectory(List<TestPrincipals.Entry> entries) {
		TestPrincipals.write(DIRECTORY_FILE, entries);
	}

	protected static Path directoryFile() {
		return DIRECTORY_FILE;
	}

	protected static Map<String, Object> proof(TestPrincipals.Entry principal, PrivateKey key, String message) {
		return proof(principal.provider(), principal.username(), message, TestKeys.sign(key, message));
	}

	protected static Map<String, Object> proof(String provider, String username, String message, String signature) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("provider", provider);
		body.put("rsa_original_message", message);
		body.put("rsa_message_signature", signature);
		return body;
	}

	protected WebTestClient.ResponseSpec postToken(Object body) {
		return this.client.post()
			.uri("/authentication/v1/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	protected TokenPair login(TestPrincipals.Entry principal, PrivateKey key) {
		return postToken(proof(principal, key, Messages.randomLetters())).expectStatus()
			.isOk()
			.expectBody(TokenPair.class)
			.returnResult()
			.getResponseBody();
	}

	protected WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.client.post()
			.uri("/authentication/v1/token/refresh")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + refreshToken)
			.exchange();
	}

	protected TokenPair refreshed(String refreshToken) {
		TokenPair pair = refresh(refreshToken).expectStatus()
			.isOk()
			.expectBody(TokenPair.class)
			.returnResult()
			.getResponseBody();
		assertThat(pair).isNotNull();
		return pair;
	}

	private static WireMockServer startBackend() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		return server;
	}

	private static Path writeStandardDirectory() {
		try {
			Path folder = Files.createTempDirectory("seta-directory");
			Path file = folder.resolve("principals.yml");
			TestPrincipals.write(file, StandardPrincipals.all());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return MutableClock.startingNow();
		}

	}

}
