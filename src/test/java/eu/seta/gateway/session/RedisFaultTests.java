package eu.seta.gateway.session;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import eu.seta.gateway.revocation.Revocations;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestRedis;
import eu.seta.gateway.testing.TokenClient;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Redis goes away and comes back: the token API fails closed and fast, proxied calls go on, nothing restarts. */
class RedisFaultTests {

	private static TestRedis redis;

	private static WireMockServer backend;

	private static RunningGateway gateway;

	@BeforeAll
	static void start() {
		redis = TestRedis.dedicated();
		backend = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		backend.start();
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
		// Spring Boot's own command timeout set far beyond the pause below: only the store's 500 ms
		// (seta.store.redis.command-timeout, which replaces it) can make the slow Redis a 503
		gateway = RunningGateway.start(Map.of("seta.store.type", "redis", "spring.data.redis.host", "127.0.0.1",
				"spring.data.redis.port", Integer.toString(redis.port()), "spring.data.redis.timeout", "10s",
				"SEARCH_URI", backend.baseUrl()));
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.stop();
		redis.stop();
	}

	@Test
	void tokenRoutesAnswer503WhileRedisIsDownAndRecoverWithoutRestart() {
		TokenClient tokens = gateway.tokens();
		TokenPair pair = tokens.login(ALICE, ALICE_KEY.getPrivate());
		redis.stop();
		try {
			expectUnavailable(() -> tokens.postToken(TokenClient.proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters())));
			expectUnavailable(() -> tokens.refresh(pair.refreshToken()));
			expectUnavailable(() -> gateway.web()
				.post()
				.uri("/authentication/v1/token/revoke")
				.body(BodyInserters.fromFormData("token", pair.refreshToken()))
				.exchange());
			// validating an access token needs no Redis
			gateway.web()
				.get()
				.uri("/seta-search/api/v1/corpus")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
				.exchange()
				.expectStatus()
				.isOk();
			WebTestClient management = gateway.management();
			management.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		}
		finally {
			redis.start();
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> tokens.postToken(TokenClient.proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters()))
				.returnResult(Void.class)
				.getStatus()
				.is2xxSuccessful());
		TokenPair after = tokens.login(ALICE, ALICE_KEY.getPrivate());
		tokens.refreshed(after.refreshToken());
		// readiness follows on its own connection: the revocation subscription reconnects (at most a second apart)
		// and reloads after the token API's connection may already serve
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> gateway.readinessStatus() == 200);
	}

	@Test
	void aSlowRedisIs503AfterTheCommandTimeout() {
		TokenClient tokens = gateway.tokens();
		try (RedisInspector inspector = new RedisInspector(redis.port())) {
			// Redis holds every client's commands for 3 s; the gateway waits 500 ms (a wait of 3 s would end in 200)
			inspector.commands().clientPause(3_000);
			expectUnavailable(() -> tokens.postToken(TokenClient.proof(ALICE, ALICE_KEY.getPrivate(),
					Messages.randomLetters())));
		}
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> tokens.postToken(TokenClient.proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters()))
				.returnResult(Void.class)
				.getStatus()
				.is2xxSuccessful());
	}

	/**
	 * A revocation's script is bounded by the same command timeout. Revocations are reached through a session
	 * lookup, which fails first on a paused Redis, so the bean is called directly: it must fail closed, not wait
	 * for Redis and then succeed.
	 */
	@Test
	void aRevocationOnASlowRedisFailsAfterTheCommandTimeout() {
		Revocations revocations = gateway.bean(Revocations.class);
		try (RedisInspector inspector = new RedisInspector(redis.port())) {
			inspector.commands().clientPause(3_000);
			assertThatThrownBy(() -> revocations.revokeSession("slow-redis").block())
				.isInstanceOf(SessionStoreUnavailableException.class);
		}
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.untilAsserted(() -> revocations.revokeSession("slow-redis").block());
	}

	private static void expectUnavailable(java.util.function.Supplier<WebTestClient.ResponseSpec> call) {
		call.get()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.json("{\"error\":\"temporarily_unavailable\",\"message\":\"The session store is unavailable; retry shortly.\"}",
					true);
	}

}
