package eu.seta.gateway.session;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.TestRedis;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same contract as the in-memory store, on a real Redis, and what a Redis operator would check. */
class RedisSessionStoreTests extends SessionStoreContract {

	private static LettuceConnectionFactory connections;

	private static RedisInspector inspector;

	private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 4) + ":";

	@BeforeAll
	static void connect() {
		TestRedis redis = TestRedis.shared();
		connections = redis.connectionFactory();
		inspector = new RedisInspector(redis.port());
	}

	@AfterAll
	static void disconnect() {
		inspector.close();
		connections.destroy();
	}

	@Override
	protected SessionStore createStore(MutableClock clock) {
		ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(connections);
		return new RedisSessionStore(redis, new SharedConnectionScripts(redis), this.prefix, clock);
	}

	/**
	 * After every test: each key expires. That no key holds a token is checked where raw tokens exist, on the
	 * gateways of the Redis suite ({@code GatewayIntegrationTest}); this store only ever receives hashes.
	 */
	@AfterEach
	void everyKeyHasATtl() {
		inspector.assertEveryKeyExpiresAndHoldsNone(this.prefix, List.of());
	}

	/** The check the Redis suite relies on can fail: a planted raw token and a key without expiry are caught. */
	@Test
	void theInspectorCatchesARawTokenAndAKeyThatNeverExpires() {
		RefreshTokens.Issued token = RefreshTokens.newSession("u-alice");
		inspector.commands().set(this.prefix + "planted", "held " + token.value(), io.lettuce.core.SetArgs.Builder.px(60_000));
		assertThatThrownBy(() -> inspector.assertEveryKeyExpiresAndHoldsNone(this.prefix, List.of(token.value())))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("planted");
		inspector.commands().set(this.prefix + "planted", "nothing secret");
		assertThatThrownBy(() -> inspector.assertEveryKeyExpiresAndHoldsNone(this.prefix, List.of()))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("TTL");
		inspector.commands().del(this.prefix + "planted");
	}

	@Test
	void keysOfOneLoginShareAHashSlotAndNameNoToken() {
		RefreshTokens.Issued token = start("u-alice");
		List<String> keys = keys();
		assertThat(keys).hasSize(3);
		assertThat(keys.stream().map(SlotHash::getSlot).distinct()).hasSize(1);
		assertThat(keys).allSatisfy((key) -> assertThat(key).startsWith(this.prefix)
			.contains("{" + RefreshTokens.slotOf("u-alice") + "}")
			.doesNotContain(token.value().substring(8, 40)));
	}

	@Test
	void ttlOfASessionIsItsIdleLifetimeAtMost() {
		start("u-alice");
		String session = keys().stream().filter((key) -> key.contains(":s:")).findFirst().orElseThrow();
		assertThat(inspector.commands().pttl(session)).isBetween(IDLE.toMillis() - 5_000, IDLE.toMillis());
	}

	@Test
	void proofRecordsExpireWithTheirWindowInTheirPrincipalsSlot() {
		startWithProof(RefreshTokens.newSession("u-alice"), "u-alice", "p",
				this.clock.instant().plus(Duration.ofMinutes(10)));
		String key = this.prefix + "r:{" + RefreshTokens.slotOf("u-alice") + "}:p";
		assertThat(inspector.commands().pttl(key)).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
	}

	private List<String> keys() {
		return inspector.keys(this.prefix);
	}

}
