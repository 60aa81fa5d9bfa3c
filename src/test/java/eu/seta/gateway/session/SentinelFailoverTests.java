package eu.seta.gateway.session;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.RedisNode;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestRedisSentinel;
import eu.seta.gateway.testing.TokenClient;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyInserters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN;
import static eu.seta.gateway.testing.StandardPrincipals.ERIN_KEY_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway on Redis Sentinel (Spring Boot's {@code spring.data.redis.sentinel.*}) with {@code wait-replicas: 1},
 * through the crash of its master: it follows the promoted replica without a restart, what it acknowledged before
 * the crash is all there after it, and while no replica is left to acknowledge a write it refuses to answer one.
 * One story, in one test, since a failover happens once.
 */
class SentinelFailoverTests {

	private static TestRedisSentinel redis;

	private static WireMockServer backend;

	private static RunningGateway gateway;

	private static RedisNode newReplica;

	@BeforeAll
	static void start() {
		redis = TestRedisSentinel.start();
		backend = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		backend.start();
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
		gateway = RunningGateway.start(Map.of("seta.store.type", "redis", "spring.data.redis.sentinel.master",
				TestRedisSentinel.MASTER_NAME, "spring.data.redis.sentinel.nodes", redis.sentinelNodes(),
				"seta.store.redis.wait-replicas", "1", "seta.store.redis.command-timeout", "2s", "SEARCH_URI",
				backend.baseUrl()));
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.stop();
		redis.close();
		if (newReplica != null) {
			newReplica.close();
		}
	}

	@Test
	void theMastersCrashLosesNoAcknowledgedRotationOrRevocationAndNeedsNoRestart() {
		TokenClient tokens = gateway.tokens();
		RedisNode master = redis.master();
		TokenPair alice = tokens.login(ALICE, ALICE_KEY.getPrivate());
		long before = master.writtenOffset();
		TokenPair rotated = tokens.refreshed(alice.refreshToken());
		assertThat(master.acknowledgedOffset()).as("the rotation was acknowledged by the replica")
			.isGreaterThan(before);
		TokenPair bob = tokens.login(BOB, BOB_KEY.getPrivate());
		gateway.web()
			.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", bob.refreshToken()))
			.exchange()
			.expectStatus()
			.isOk();

		master.kill();
		RedisNode promoted = redis.replica();
		await("the gateway on the promoted replica, unrestarted").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> redis.masterAddress().equals(promoted.address()) && gateway.readinessStatus() == 200);
		// the new master has no replica left to acknowledge a write: no token that the next crash could lose
		tokens.postToken(TokenClient.proof(ERIN, ERIN_KEY_1.getPrivate(), Messages.randomLetters()))
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.json("{\"error\":\"temporarily_unavailable\",\"message\":\"The session store is unavailable; retry shortly.\"}",
					true);
		// the revocation's record came over with the replica: a replica that reloads the list sees it
		String revokedSession = RefreshTokens.parse(bob.refreshToken()).orElseThrow().key().id();
		assertThat(promoted.commands().zscore("seta:rv:{revoked}:s", revokedSession)).isNotNull();

		// a replica comes back (as Kubernetes restarts the crashed pod): writes are acknowledged again
		newReplica = RedisNode.server("--replicaof", "127.0.0.1", Integer.toString(promoted.port()));
		await("a login acknowledged by the new replica").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> tokens.postToken(TokenClient.proof(ERIN, ERIN_KEY_1.getPrivate(), Messages.randomLetters()))
				.returnResult(Void.class)
				.getStatus()
				.is2xxSuccessful());
		// rotated before the crash, acknowledged, so still the session's current token
		tokens.refreshed(rotated.refreshToken());
		tokens.refresh(bob.refreshToken()).expectStatus().isUnauthorized();
		assertThat(gateway.searchStatus(bob.accessToken())).isEqualTo(401);
	}

}
