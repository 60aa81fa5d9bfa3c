package eu.seta.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.testing.RedisNode;
import eu.seta.gateway.testing.TestRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Redis Cluster a script may only touch keys of one hash slot: a bucket's two keys must land on one master, or
 * every take would fail with CROSSSLOT and every login with it.
 */
class RedisClusterBucketsTests {

	private static LettuceConnectionFactory connections;

	@BeforeAll
	static void connect() {
		connections = TestRedisCluster.shared().connectionFactory();
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void aBucketLivesOnOneMasterAndSpendsExactlyItsBudget() {
		RedisBuckets buckets = new RedisBuckets(new ReactiveStringRedisTemplate(connections), "tc:",
				new MutableClock(Instant.parse("2026-12-06T12:00:00Z")));
		RateLimitProperties.Budget budget = new RateLimitProperties.Budget(10, Duration.ofMinutes(1));
		// keys of many slots: a bucket whose two keys were split would fail on most of them
		for (int bucket = 0; bucket < 12; bucket++) {
			String key = "a:" + bucket;
			List<Take> takes = Flux.range(0, 16).flatMap((i) -> buckets.take(key, budget), 16).collectList().block();
			assertThat(takes).filteredOn(Take::taken).hasSize(10);

			RedisNode master = TestRedisCluster.shared().masterOf("tc:rl:{" + key + "}.tokens");
			assertThat(master.commands().exists("tc:rl:{" + key + "}.tokens", "tc:rl:{" + key + "}.timestamp"))
				.isEqualTo(2);
		}
	}

}
