package eu.seta.gateway.testing;

import java.nio.file.Path;
import java.security.PrivateKey;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A running gateway on a random port with the {@link StandardPrincipals} directory and a hand-moved clock.
 * Subclasses with the same settings share one application context; the clock only ever moves forward, as time
 * does, so each test works with the sessions it made itself.
 */
@SpringBootTest(classes = SetaGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "seta.directory.reload-interval=100ms", "management.server.port=0",
				// as on Kubernetes, where Spring Boot would otherwise believe X-Forwarded-* from anyone
				"spring.main.cloud-platform=kubernetes",
				// the issuer the hand-made tokens of the attack tests name, whatever the random port
				"seta.token.issuer=http://localhost:8080",
				// the suite logs in hundreds of times from one address; the limits have tests of their own
				"seta.rate-limit.failures-per-address=1000000", "seta.rate-limit.failures-per-login=1000000" })
@Import(GatewayIntegrationTest.TestClock.class)
public abstract class GatewayIntegrationTest {

	private static final Path DIRECTORY_FILE = StandardDirectory.file();

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

	private TokenClient tokens;

	@BeforeEach
	void connect() {
		this.tokens = new TokenClient(this.port);
		this.client = this.tokens.web();
	}

	/** Replaces the directory file; the gateway picks it up within its reload interval. */
	protected static void rewriteDirectory(List<TestPrincipals.Entry> entries) {
		TestPrincipals.write(DIRECTORY_FILE, entries);
	}

	protected static Path directoryFile() {
		return DIRECTORY_FILE;
	}

	protected static Map<String, Object> proof(TestPrincipals.Entry principal, PrivateKey key, String message) {
		return TokenClient.proof(principal, key, message);
	}

	protected static Map<String, Object> proof(String provider, String username, String message, String signature) {
		return TokenClient.proof(provider, username, message, signature);
	}

	protected WebTestClient.ResponseSpec postToken(Object body) {
		return this.tokens.postToken(body);
	}

	protected TokenPair login(TestPrincipals.Entry principal, PrivateKey key) {
		return this.tokens.login(principal, key);
	}

	protected WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.tokens.refresh(refreshToken);
	}

	protected TokenPair refreshed(String refreshToken) {
		return this.tokens.refreshed(refreshToken);
	}

	private static WireMockServer startBackend() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		return server;
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
