package eu.seta.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.testing.RedisInspector;
import eu.seta.gateway.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buckets in a real Redis, hit as the gateway hits them: many takes of one client in flight at once (a burst from
 * one address, or many clients behind one NAT), from more than one replica, on clocks that disagree.
 */
class RedisBucketsTests {

	private static final int BURST = 64;

	private static LettuceConnectionFactory connections;

	private static RedisInspector inspector;

	final String prefix = "t" + UUID.randomUUID().toString().substring(0, 4) + ":";

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));

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

	ReactiveStringRedisTemplate redis() {
		return new ReactiveStringRedisTemplate(connections);
	}

	/** A bucket is two keys; both go once the bucket would be full again, so that idle addresses cost nothing. */
	@AfterEach
	void everyKeyExpires() {
		inspector.assertEveryKeyExpiresAndHoldsNone(this.prefix, List.of());
	}

	RedisBuckets buckets(MutableClock clock) {
		return new RedisBuckets(redis(), this.prefix, clock);
	}

	@Test
	void aBurstOnOneKeySpendsExactlyTheBudgetAndNoMore() {
		List<Take> takes = burst(buckets(this.clock), "burst", budget(10, Duration.ofHours(1)));

		assertThat(takes).filteredOn(Take::taken).hasSize(10);
		// one unit of 10 per hour is back in 6 minutes
		assertThat(takes).filteredOn((take) -> !take.taken())
			.allSatisfy((take) -> assertThat(take.retryAfter()).isEqualTo(Duration.ofMinutes(6)));
	}

	/** Every replica spends the one budget: a second replica finds it spent by the first. */
	@Test
	void replicasShareOneBudget() {
		RateLimitProperties.Budget budget = budget(5, Duration.ofMinutes(1));
		RedisBuckets first = buckets(this.clock);
		RedisBuckets second = buckets(this.clock);
		Flux.merge(burst(first, "shared", budget, 3), burst(second, "shared", budget, 3)).blockLast();

		assertThat(first.take("shared", budget).block().taken()).isFalse();
		assertThat(second.take("shared", budget).block().taken()).isFalse();
	}

	@Test
	void givingBackRestoresWhatTheBurstTookAndNeverMore() {
		RateLimitProperties.Budget budget = budget(BURST, Duration.ofHours(1));
		RedisBuckets buckets = buckets(this.clock);
		burst(buckets, "given-back", budget);
		Flux.range(0, BURST).flatMap((i) -> buckets.giveBack("given-back", budget)).blockLast();
		// given back to a full bucket: the budget stays what it is
		Flux.range(0, 10).flatMap((i) -> buckets.giveBack("given-back", budget)).blockLast();

		assertThat(burst(buckets, "given-back", budget)).allMatch(Take::taken);
		assertThat(buckets.take("given-back", budget).block().taken()).isFalse();
	}

	@Test
	void aSpentBudgetRefillsWithTime() {
		RateLimitProperties.Budget budget = budget(3, Duration.ofMinutes(10));
		RedisBuckets buckets = buckets(this.clock);
		burst(buckets, "refill", budget, 3).blockLast();
		Take refused = buckets.take("refill", budget).block();
		assertThat(refused.taken()).isFalse();
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(200));

		this.clock.advance(Duration.ofSeconds(199));
		assertThat(buckets.take("refill", budget).block().taken()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(buckets.take("refill", budget).block().taken()).isTrue();
		assertThat(buckets.take("refill", budget).block().taken()).isFalse();
	}

	/**
	 * Replicas' clocks differ by a little and NTP steps a clock back now and then: a bucket last written by a clock
	 * ahead of this one must still be read and spent, never turn into a store failure.
	 */
	@Test
	void aBucketWrittenByAClockAheadIsStillSpent() {
		RedisBuckets fromTheFuture = buckets(new MutableClock(this.clock.instant().plusSeconds(90)));
		RedisBuckets buckets = buckets(this.clock);
		RateLimitProperties.Budget budget = budget(3, Duration.ofMinutes(10));
		assertThat(fromTheFuture.take("clock-skew", budget).block().taken()).isTrue();
		assertThat(buckets.take("clock-skew", budget).block().taken()).isTrue();
		buckets.giveBack("clock-skew", budget).block();
		assertThat(buckets.take("clock-skew", budget).block().taken()).isTrue();
		assertThat(buckets.take("clock-skew", budget).block().taken()).isTrue();
		assertThat(buckets.take("clock-skew", budget).block().taken()).isFalse();
	}

	@Test
	void aBucketsKeysLiveNoLongerThanTwiceItsPeriod() {
		RateLimitProperties.Budget budget = budget(20, Duration.ofMinutes(10));
		buckets(this.clock).take("ttl", budget).block();

		List<String> keys = inspector.keys(this.prefix);
		assertThat(keys).hasSize(2);
		assertThat(keys).allSatisfy((key) -> assertThat(inspector.commands().ttl(key)).isBetween(1L, 1200L));
	}

	private static RateLimitProperties.Budget budget(long failures, Duration period) {
		return new RateLimitProperties.Budget(failures, period);
	}

	/** Sends BURST takes without waiting for any, so that all are in flight together. */
	private static List<Take> burst(RedisBuckets buckets, String key, RateLimitProperties.Budget budget) {
		return burst(buckets, key, budget, BURST).collectList().block();
	}

	private static Flux<Take> burst(RedisBuckets buckets, String key, RateLimitProperties.Budget budget, int count) {
		return Flux.fromStream(IntStream.range(0, count).mapToObj((i) -> buckets.take(key, budget)))
			.flatMap(Mono::from, count);
	}

}
