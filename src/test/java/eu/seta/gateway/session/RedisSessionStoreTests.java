package eu.seta.gateway.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.TestRedis;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The same contract as the in-memory store, on a real Redis, and what a Redis operator would check. */
class RedisSessionStoreTests extends SessionStoreContract {

	private static LettuceConnectionFactory connections;

	private static RedisInspector inspector;

	private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 4) + ":";

	private final List<String> issuedTokens = new ArrayList<>();

	@BeforeAll
	static void connect() {
		TestRedis redis = TestRedis.shared();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		connections.afterPropertiesSet();
		connections.start();
		inspector = new RedisInspector(redis.port());
	}

	@AfterAll
	static void disconnect() {
		inspector.close();
		connections.destroy();
	}

	@Override
	protected SessionStore createStore(MutableClock clock) {
		return new RedisSessionStore(new ReactiveStringRedisTemplate(connections), this.prefix, Duration.ofSeconds(2),
				clock);
	}

	@Override
	protected RefreshTokens.Issued start(String principalId) {
		RefreshTokens.Issued token = super.start(principalId);
		this.issuedTokens.add(token.value());
		return token;
	}

	/** After every test: each key expires, and none holds anything a client could present. */
	@AfterEach
	void everyKeyHasATtlAndNoRawToken() {
		List<String> secrets = new ArrayList<>(this.issuedTokens);
		this.issuedTokens.forEach((token) -> secrets.add(token.substring(RefreshTokens.PREFIX.length())));
		inspector.assertEveryKeyExpiresAndHoldsNone(this.prefix, secrets);
	}

	@Test
	void keysOfOneSessionShareAHashSlotAndNameNoToken() {
		RefreshTokens.Issued token = start("u-alice");
		List<String> keys = keys();
		assertThat(keys).hasSize(2);
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
	void proofRecordsExpireWithTheirWindow() {
		this.store.recordProof("p", this.clock.instant().plus(Duration.ofMinutes(10))).block();
		String key = this.prefix + "r:p";
		assertThat(inspector.commands().pttl(key)).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
	}

	/** What one active session costs in Redis: its hash plus its share of the principal's index. */
	@Test
	void oneActiveSessionTakesAboutTwoHundredBytes() {
		int principals = 200;
		int sessionsEach = 5;
		for (int p = 0; p < principals; p++) {
			for (int s = 0; s < sessionsEach; s++) {
				start("principal-" + p);
			}
		}
		RedisCommands<String, String> redis = inspector.commands();
		long bytes = keys().stream().mapToLong(redis::memoryUsage).sum();
		long perSession = bytes / (principals * sessionsEach);
		System.out.printf("redis-bytes-per-session=%d (%d sessions, %d principals, MEMORY USAGE)%n", perSession,
				principals * sessionsEach, principals);
		assertThat(perSession).isLessThan(400);
	}

	private List<String> keys() {
		return inspector.keys(this.prefix);
	}

}
