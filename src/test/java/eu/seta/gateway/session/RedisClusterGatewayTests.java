package eu.seta.gateway.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.RedisNode;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TestRedisCluster;
import eu.seta.gateway.testing.TokenClient;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyInserters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN_KEY_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway replicas on a 3-master Redis Cluster, configured with Spring Boot's own
 * {@code spring.data.redis.cluster.nodes} and {@code wait-replicas: 1}: every Redis-backed feature works across the
 * cluster. Sessions and proofs (the store's scripts), failed-proof budgets (Bucket4j), the search route's quota
 * (Spring Cloud Gateway's limiter script, whose two keys share the caller's hash tag), revocations published on one
 * node and heard by a replica subscribed wherever Lettuce put its subscription.
 */
class RedisClusterGatewayTests {

	private static final String PREFIX = "cl:";

	private static WireMockServer backend;

	private static RunningGateway first;

	private static RunningGateway second;

	private static final List<String> ISSUED = new ArrayList<>();

	@BeforeAll
	static void startTwoReplicas() {
		backend = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		backend.start();
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
		Map<String, Object> settings = Map.of("seta.store.type", "redis", "spring.data.redis.cluster.nodes",
				TestRedisCluster.shared().nodes(), "seta.store.redis.key-prefix", PREFIX,
				"seta.store.redis.wait-replicas", "1", "seta.store.redis.command-timeout", "5s",
				"seta.rate-limit.failures-per-login", "5", "seta.rate-limit.failures-per-address", "100000",
				"SEARCH_URI", backend.baseUrl());
		first = RunningGateway.start(settings);
		second = RunningGateway.start(settings);
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
		backend.stop();
	}

	@AfterEach
	void everyKeyOnEveryMasterExpiresAndNoneHoldsAToken() {
		for (RedisNode master : TestRedisCluster.shared().masters()) {
			try (RedisInspector inspector = new RedisInspector(master.port())) {
				inspector.assertEveryKeyExpiresAndHoldsNone(PREFIX, ISSUED);
			}
		}
	}

	@Test
	void aSessionStartedOnOneReplicaRotatesOnTheOtherAndItsReuseEndsItOnBoth() {
		TokenPair pair = issued(first.tokens().login(ALICE, ALICE_KEY.getPrivate()));
		TokenPair rotated = issued(second.tokens().refreshed(pair.refreshToken()));
		// the token replaced two rotations ago, which no grace window covers: reuse
		TokenPair next = issued(first.tokens().refreshed(rotated.refreshToken()));
		second.tokens().refresh(pair.refreshToken()).expectStatus().isUnauthorized();
		first.tokens().refresh(next.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void aProofUsedOnOneReplicaIsAReplayOnTheOther() {
		Map<String, Object> proof = TokenClient.proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters());
		first.tokens().postToken(proof).expectStatus().isOk();
		second.tokens().postToken(proof).expectStatus().isUnauthorized();
	}

	@Test
	void aLogoutOnOneReplicaRefusesTheAccessTokenOnTheOther() {
		TokenPair pair = issued(first.tokens().login(ERIN, ERIN_KEY_1.getPrivate()));
		assertThat(second.searchStatus(pair.accessToken())).isEqualTo(200);
		first.web()
			.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", pair.refreshToken()))
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> second.searchStatus(pair.accessToken()) == 401);
		second.tokens().refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void failedProofsOnBothReplicasSpendOneBudget() {
		for (int i = 0; i < 5; i++) {
			wrongProofForErin((i % 2 == 0) ? first : second).expectStatus().isUnauthorized();
		}
		for (RunningGateway replica : List.of(first, second)) {
			wrongProofForErin(replica).expectStatus().isEqualTo(429);
		}
	}

	@Test
	void theSearchQuotaIsCountedOnTheClusterNodeOfTheCaller() {
		String bearer = "Bearer " + issued(first.tokens().login(ALICE, ALICE_KEY.getPrivate())).accessToken();
		String remaining = first.web()
			.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getFirst("X-RateLimit-Remaining");
		// a limiter whose script failed (CROSSSLOT, say) lets the call through and says -1
		assertThat(Integer.parseInt(remaining)).isBetween(0, 39);
		// Spring Cloud Gateway's keys: request_rate_limiter.{<route>.<caller key>}.tokens and .timestamp
		String tag = "{seta-search." + PREFIX + "quota:seta-search:p:" + ALICE.id() + "}";
		RedisNode master = TestRedisCluster.shared().masterOf(tag);
		assertThat(master.commands().exists("request_rate_limiter." + tag + ".tokens",
				"request_rate_limiter." + tag + ".timestamp")).isEqualTo(2);
	}

	private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec wrongProofForErin(
			RunningGateway replica) {
		String message = Messages.randomLetters();
		return replica.tokens()
			.postToken(TokenClient.proof(ERIN.provider(), ERIN.username(), message,
					TestKeys.sign(BOB_KEY.getPrivate(), message)));
	}

	private static TokenPair issued(TokenPair pair) {
		ISSUED.add(pair.refreshToken());
		ISSUED.add(pair.refreshToken().substring(RefreshTokens.PREFIX.length()));
		ISSUED.add(pair.accessToken());
		return pair;
	}

}
