package eu.seta.gateway.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestRedis;
import eu.seta.gateway.testing.TokenPair;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.BodyInserters;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * While Redis is away the proxied path goes on with the revocations the replica knows, and readiness is down; when
 * Redis is back, the replica reloads the revocation list before it says it is ready again.
 */
class RevocationDuringRedisOutageTests {

	private static TestRedis redis;

	private static RunningGateway gateway;

	@BeforeAll
	static void start() {
		redis = TestRedis.dedicated();
		// no backend: a token the edge accepts ends in 502, one it refuses in 401
		gateway = RunningGateway.start(Map.of("seta.store.type", "redis", "spring.data.redis.host", "127.0.0.1",
				"spring.data.redis.port", Integer.toString(redis.port()), "SEARCH_URI", "http://127.0.0.1:1"));
		awaitReadiness(200);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		redis.stop();
	}

	@Test
	void knownRevocationsHoldWhileRedisIsDownAndReadinessWaitsForTheReload() {
		TokenPair revoked = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate());
		TokenPair valid = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate());
		gateway.web()
			.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", revoked.refreshToken()))
			.exchange()
			.expectStatus()
			.isOk();
		redis.stop();
		awaitReadiness(503);
		assertThat(status(revoked.accessToken())).isEqualTo(401);
		assertThat(status(valid.accessToken())).isEqualTo(502);
		// fails closed: nothing can be revoked, or issued, meanwhile
		gateway.web()
			.post()
			.uri("/authentication/v1/token/revoke")
			.body(BodyInserters.fromFormData("token", valid.refreshToken()))
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		double reloads = gateway.bean(MeterRegistry.class).counter("seta.revocations.reloads").count();
		redis.start();
		awaitReadiness(200);
		assertThat(gateway.bean(MeterRegistry.class).counter("seta.revocations.reloads").count())
			.as("reloads once Redis is back").isGreaterThan(reloads);
		assertThat(status(revoked.accessToken())).isEqualTo(401);
		assertThat(status(valid.accessToken())).isEqualTo(502);
	}

	private static int status(String accessToken) {
		return gateway.searchStatus(accessToken);
	}

	private static void awaitReadiness(int expected) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		int status;
		do {
			status = gateway.readinessStatus();
			if (status == expected) {
				return;
			}
		}
		while (Instant.now().isBefore(deadline));
		fail("readiness still " + status + ", not " + expected);
	}

}
