package eu.seta.gateway.testing;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import eu.seta.gateway.SetaGatewayApplication;
import eu.seta.gateway.session.RefreshTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * A running gateway on a random port with the {@link StandardPrincipals} directory and a hand-moved clock.
 * Subclasses with the same settings share one application context, so each test starts from the same state: the
 * clock past everything earlier tests left, the stand-in backend without requests and answering every call with 200 {@code {}},
 * and a token client of its own. On the Redis store ({@link OnRedisStore}) each test ends by checking that every key
 * it caused expires and that none holds a token it was given.
 */
@SpringBootTest(classes = SetaGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "seta.directory.reload-interval=100ms", "management.server.port=0",
				// as on Kubernetes, where Spring Boot would otherwise believe X-Forwarded-* from anyone
				"spring.main.cloud-platform=kubernetes",
				// the issuer the hand-made tokens of the attack tests name, whatever the random port
				"seta.token.issuer=http://localhost:8080",
				// the suite logs in hundreds of times from one address; the limits have tests of their own
				"seta.rate-limit.failures-per-address=1000000", "seta.rate-limit.failures-per-login=1000000",
				// the same for the quotas of proxied routes (QuotaTests)
				"seta.edge.quota.enabled=false",
				// reuse tests present a replaced refresh token right after its rotation; the shipped retry window
				// (30 s) has tests of its own (RefreshGraceTests, TokenPropertiesTests)
				"seta.token.refresh-grace=0s" })
@Import(GatewayIntegrationTest.TestClock.class)
public abstract class GatewayIntegrationTest {

	/** Longer than any lifetime the gateway knows: the session maximum (30 days), caches, budgets, replay records. */
	private static final Duration FRESH_START = Duration.ofDays(31);

	/**
	 * Stands in for the platform's backends (search, nlp, ui) behind the gateway's routes. One per test JVM, since
	 * the routes of a cached context point at it; every test starts it afresh (see {@link #freshBackend()}).
	 */
	protected static final WireMockServer BACKEND = startBackend();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	@Autowired
	private Environment environment;

	protected WebTestClient client;

	private TokenClient tokens;

	@DynamicPropertySource
	static void environment(DynamicPropertyRegistry registry) {
		registry.add("seta.directory.file", () -> StandardDirectory.file().toString());
		registry.add("seta.keys.directory", () -> TestSigningKeys.directory().toString());
		registry.add("SEARCH_URI", BACKEND::baseUrl);
		registry.add("NLP_URI", BACKEND::baseUrl);
		registry.add("UI_URI", BACKEND::baseUrl);
	}

	@BeforeEach
	void connect() {
		this.tokens = new TokenClient(this.port);
		this.client = this.tokens.web();
	}

	/**
	 * Each test starts a month and a day after the one before it, so that whatever an earlier test left behind (a
	 * session, a replay record, a cached principal or verified token, a spent rate-limit budget) has expired by then,
	 * however far that test moved the clock. Time only moves forward, as the caches and buckets expect of it.
	 */
	@BeforeEach
	void clockPastEverythingAnEarlierTestLeft() {
		this.clock.advance(FRESH_START);
	}

	/** No stub and no recorded request of an earlier test survives; tests add their own stubs on top. */
	@BeforeEach
	void freshBackend() {
		BACKEND.resetAll();
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{}")));
	}

	@AfterEach
	void redisKeysExpireAndHoldNoTokenOfThisTest() {
		if (!"redis".equals(this.environment.getProperty("seta.store.type"))) {
			return;
		}
		List<String> secrets = new ArrayList<>();
		for (String token : this.tokens.issued()) {
			secrets.add(token);
			if (token.startsWith(RefreshTokens.PREFIX)) {
				secrets.add(token.substring(RefreshTokens.PREFIX.length()));
			}
		}
		try (RedisInspector inspector = new RedisInspector(TestRedis.shared().port())) {
			inspector.assertEveryKeyExpiresAndHoldsNone(OnRedisStore.KEY_PREFIX, secrets);
		}
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
