package eu.seta.gateway.startup;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestRedis;
import eu.seta.gateway.testing.TokenPair;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.web.server.WebFilter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Whole starts with {@code -Dspring.aot.enabled=true}, as the image runs the gateway, on the code the build generated
 * ahead of time. They run after the build's {@code process-aot} step (a surefire execution of its own, in the
 * integration-test phase), so they start what is packaged, not an older generation.
 * <p>
 * On the build's configuration the gateway must come up from the generated bean definitions and do its work: log in,
 * check a token, forward the caller. On another one it must notice and start the ordinary way, never run the build's
 * beans for a configuration that chose others.
 */
class AheadOfTimeStartTests {

	private static WireMockServer backend;

	private @Nullable RunningGateway gateway;

	@BeforeAll
	static void startBackend() {
		backend = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		backend.start();
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
	}

	@AfterAll
	static void stopBackend() {
		backend.stop();
	}

	@AfterEach
	void stopAndForgetTheFlag() {
		if (this.gateway != null) {
			this.gateway.close();
		}
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		backend.resetRequests();
	}

	@Test
	void onTheRedisStoreTheGatewayRunsTheGeneratedBeansAndServes() {
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		RunningGateway started = start("redis", Map.of());
		assertThat(AotDetector.useGeneratedArtifacts()).as("started from the generated beans").isTrue();
		// the ordinary start parses the configuration classes with this post-processor; the generated one has none
		assertThat(started.beans(ConfigurationClassPostProcessor.class)).isEmpty();
		servesALoggedInCaller(started);
		assertThat(keysOf("redis")).as("the sessions are in Redis").isNotEmpty();
	}

	/**
	 * The store is chosen at start, not by the build: the same generated beans serve the memory store, whose
	 * gateway never connects to the Redis it is given (the Redis store's beans are lazy in the generated code too).
	 */
	@Test
	void onTheMemoryStoreTheGatewayRunsTheSameGeneratedBeansAndServes() {
		TestRedis untouched = TestRedis.dedicated();
		try (RedisInspector inspector = new RedisInspector(untouched.port())) {
			long connections = inspector.connectionsReceived();
			SpringProperties.setFlag(AotDetector.AOT_ENABLED);
			RunningGateway started = start("memory", Map.of("spring.data.redis.port", untouched.port()));
			assertThat(AotDetector.useGeneratedArtifacts()).as("started from the generated beans").isTrue();
			assertThat(started.beans(ConfigurationClassPostProcessor.class)).isEmpty();
			servesALoggedInCaller(started);
			assertThat(inspector.connectionsReceived()).as("connections Redis received").isEqualTo(connections);
		}
		finally {
			untouched.stop();
		}
	}

	/** The access log's filter exists only when it is on: a choice the build made, so this start cannot use it. */
	@Test
	void withTheAccessLogOnTheGatewayStartsTheOrdinaryWayAndServes() {
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		RunningGateway started = start("memory", Map.of("seta.edge.access-log.enabled", "true"));
		assertThat(AotDetector.useGeneratedArtifacts()).as("the guard turned the generated beans off").isFalse();
		assertThat(started.beans(ConfigurationClassPostProcessor.class)).hasSize(1);
		assertThat(started.beans(WebFilter.class))
			.anyMatch((filter) -> filter.getClass().getSimpleName().equals("AccessLogFilter"));
		servesALoggedInCaller(started);
	}

	private RunningGateway start(String store, Map<String, ?> more) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("seta.store.type", store);
		settings.put("spring.data.redis.host", "127.0.0.1");
		settings.put("spring.data.redis.port", Integer.toString(TestRedis.shared().port()));
		settings.putAll(more);
		settings.put("seta.store.redis.key-prefix", prefix(store));
		settings.put("SEARCH_URI", backend.baseUrl());
		this.gateway = RunningGateway.start(settings);
		return this.gateway;
	}

	private static void servesALoggedInCaller(RunningGateway gateway) {
		awaitReady(gateway);
		TokenPair pair = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate());
		assertThat(gateway.searchStatus(pair.accessToken())).isEqualTo(200);
		assertThat(gateway.searchStatus(pair.accessToken() + "x")).isEqualTo(401);
		LoggedRequest forwarded = backend.getAllServeEvents().get(0).getRequest();
		assertThat(forwarded.getHeader("X-Seta-User-Id")).isEqualTo(ALICE.id());
		assertThat(forwarded.getHeader("X-Seta-Role")).isEqualTo("User");
		assertThat(gateway.tokens().refreshed(pair.refreshToken()).accessToken()).isNotEqualTo(pair.accessToken());
	}

	private static List<String> keysOf(String store) {
		try (RedisInspector redis = new RedisInspector(TestRedis.shared().port())) {
			return redis.keys(prefix(store));
		}
	}

	private static String prefix(String store) {
		return "aot:" + store + ":";
	}

	private static void awaitReady(RunningGateway gateway) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			if (gateway.readinessStatus() == 200) {
				return;
			}
			Thread.onSpinWait();
		}
		fail("not ready within 30 s");
	}

}
