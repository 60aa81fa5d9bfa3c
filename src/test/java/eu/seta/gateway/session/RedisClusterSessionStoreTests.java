package eu.seta.gateway.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.RedisNode;
import eu.seta.gateway.testing.TestRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract on a Redis Cluster of three masters (and their replicas), through Lettuce's cluster client as
 * {@code spring.data.redis.cluster.nodes} sets it up: every script's keys share one hash slot, so each runs on the
 * master of that slot, and the sessions of many principals spread over all three masters.
 */
class RedisClusterSessionStoreTests extends SessionStoreContract {

	static LettuceConnectionFactory connections;

	static ReactiveStringRedisTemplate redis;

	/** One per master, in the order of {@link TestRedisCluster#masters()}: SCAN answers for one node only. */
	static List<RedisInspector> inspectors;

	final String prefix = "t" + UUID.randomUUID().toString().substring(0, 4) + ":";

	@BeforeAll
	static void connect() {
		connections = TestRedisCluster.shared().connectionFactory();
		redis = new ReactiveStringRedisTemplate(connections);
		inspectors = TestRedisCluster.shared().masters().stream().map((master) -> new RedisInspector(master.port())).toList();
	}

	@AfterAll
	static void disconnect() {
		inspectors.forEach(RedisInspector::close);
		connections.destroy();
	}

	/** How the store's writes run: on the shared connection here, acknowledged by replicas in the subclass. */
	StoreScripts scripts() {
		return new SharedConnectionScripts(redis);
	}

	@Override
	protected SessionStore createStore(MutableClock clock) {
		return new RedisSessionStore(redis, scripts(), this.prefix, clock);
	}

	@AfterEach
	void everyKeyOnEveryMasterExpires() {
		inspectors.forEach((inspector) -> inspector.assertEveryKeyExpiresAndHoldsNone(this.prefix, List.of()));
	}

	@Test
	void sessionsOfManyPrincipalsSpreadOverTheThreeMastersEachLoginOnOne() {
		List<String> principals = IntStream.range(0, 30).mapToObj((i) -> "u-" + i).toList();
		principals.forEach(this::start);
		Map<Integer, List<String>> keysByMaster = keysByMaster();
		assertThat(keysByMaster.values()).hasSize(3)
			.allSatisfy((keys) -> assertThat(keys).anySatisfy((key) -> assertThat(key).contains(":s:")));
		for (String principal : principals) {
			String tag = "{" + RefreshTokens.slotOf(principal) + "}";
			// proof record, session and principal index of the login: on one master, the one of their slot
			assertThat(keysByMaster.entrySet())
				.filteredOn((entry) -> entry.getValue().stream().anyMatch((key) -> key.contains(tag)))
				.singleElement()
				.satisfies((entry) -> {
					assertThat(entry.getKey()).isEqualTo(TestRedisCluster.shared().masterOf(tag).port());
					assertThat(entry.getValue().stream().filter((key) -> key.contains(tag))).hasSize(3);
				});
		}
	}

	private Map<Integer, List<String>> keysByMaster() {
		List<RedisNode> masters = TestRedisCluster.shared().masters();
		return IntStream.range(0, masters.size())
			.boxed()
			.collect(Collectors.toMap((i) -> masters.get(i).port(), (i) -> inspectors.get(i).keys(this.prefix)));
	}

}
