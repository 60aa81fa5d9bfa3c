package eu.seta.gateway.session;

import java.util.Map;

import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.RunningGateway;
import eu.seta.gateway.testing.TestRedis;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store's beans are lazy and made only when the Redis store is chosen (so that one ahead-of-time build
 * serves both stores): a memory-store gateway must still never open a connection to the Redis that Spring Boot's
 * settings name, however it is used. A Redis of this test's own counts the connections it received.
 */
class MemoryStoreRedisConnectionTests {

	private static TestRedis redis;

	private static RedisInspector inspector;

	@BeforeAll
	static void startRedis() {
		redis = TestRedis.dedicated();
		inspector = new RedisInspector(redis.port());
	}

	@AfterAll
	static void stopRedis() {
		inspector.close();
		redis.stop();
	}

	@Test
	void aMemoryStoreGatewayNeverConnectsToRedis() {
		long before = inspector.connectionsReceived();
		try (RunningGateway gateway = start("memory")) {
			use(gateway);
		}
		assertThat(inspector.connectionsReceived()).isEqualTo(before);
	}

	/** The count the test above relies on does see a gateway that uses Redis. */
	@Test
	void aRedisStoreGatewayIsSeenConnecting() {
		long before = inspector.connectionsReceived();
		try (RunningGateway gateway = start("redis")) {
			use(gateway);
		}
		assertThat(inspector.connectionsReceived()).isGreaterThan(before);
	}

	private static RunningGateway start(String store) {
		return RunningGateway.start(Map.of("seta.store.type", store, "spring.data.redis.host", "127.0.0.1",
				"spring.data.redis.port", Integer.toString(redis.port()), "seta.store.redis.key-prefix",
				"memory-store-test:", "SEARCH_URI", "http://127.0.0.1:1"));
	}

	/** Every path that reaches the store, the revocations or the failed-proof limits, and the health groups. */
	private static void use(RunningGateway gateway) {
		gateway.readinessStatus();
		TokenPair pair = gateway.tokens().login(ALICE, ALICE_KEY.getPrivate());
		TokenPair refreshed = gateway.tokens().refreshed(pair.refreshToken());
		gateway.tokens().refresh(pair.refreshToken()).expectStatus().isUnauthorized();
		gateway.searchStatus(refreshed.accessToken());
		gateway.management().get().uri("/actuator/health").exchange();
	}

}
