package eu.seta.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.testing.TestRedis;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buckets in a Redis of their own (so that its command counters see nothing else), hit by many requests of one
 * client at once: the shape of a burst from one address, or from many clients behind one NAT.
 */
class RedisBucketsTests {

	private static final int BURST = 64;

	private static TestRedis redis;

	private static RedisClient client;

	private static RedisBuckets buckets;

	@BeforeAll
	static void start() {
		redis = TestRedis.dedicated();
		client = RedisClient.create("redis://127.0.0.1:" + redis.port());
		buckets = new RedisBuckets(client, "test:", Clock.systemUTC(), Duration.ofSeconds(5));
	}

	@AfterAll
	static void stop() {
		client.shutdown();
		redis.stop();
	}

	@Test
	void aBurstOnOneKeySpendsExactlyTheBudgetAndNoMore() {
		List<ConsumptionProbe> probes = burst("burst-over-budget", new RateLimitProperties.Budget(10, Duration.ofHours(1)));

		assertThat(probes).filteredOn(ConsumptionProbe::isConsumed).hasSize(10);
		assertThat(probes).filteredOn((probe) -> !probe.isConsumed())
			.allSatisfy((probe) -> assertThat(probe.getNanosToWaitForRefill()).isPositive());
	}

	@Test
	void refundsGiveBackWhatTheBurstTook() {
		RateLimitProperties.Budget budget = new RateLimitProperties.Budget(BURST, Duration.ofHours(1));
		burst("burst-refunded", budget);
		List<CompletableFuture<Void>> refunds = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			refunds.add(buckets.refund("burst-refunded", budget));
		}
		CompletableFuture.allOf(refunds.toArray(CompletableFuture[]::new)).join();

		assertThat(burst("burst-refunded", budget)).allMatch(ConsumptionProbe::isConsumed);
	}

	/**
	 * Replicas' clocks differ by a little and NTP steps a clock back now and then: a bucket last written by a clock
	 * ahead of this one must still be read and spent, never turn into a store failure.
	 */
	@Test
	void aBucketWrittenByAClockAheadIsStillSpent() {
		MutableClock ahead = new MutableClock(Instant.now().plusSeconds(90));
		RedisBuckets fromTheFuture = new RedisBuckets(client, "test:", ahead, Duration.ofSeconds(5));
		RateLimitProperties.Budget budget = new RateLimitProperties.Budget(3, Duration.ofMinutes(10));
		assertThat(fromTheFuture.consume("clock-skew", budget).join().isConsumed()).isTrue();
		assertThat(buckets.consume("clock-skew", budget).join().isConsumed()).isTrue();
		assertThat(buckets.refund("clock-skew", budget)).succeedsWithin(Duration.ofSeconds(5));
		assertThat(buckets.consume("clock-skew", budget).join().isConsumed()).isTrue();
		assertThat(buckets.consume("clock-skew", budget).join().isConsumed()).isTrue();
		assertThat(buckets.consume("clock-skew", budget).join().isConsumed()).isFalse();
	}

	/** Sends BURST consumptions without waiting for any, so that all are in flight together. */
	private static List<ConsumptionProbe> burst(String key, RateLimitProperties.Budget budget) {
		List<CompletableFuture<ConsumptionProbe>> inFlight = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			inFlight.add(buckets.consume(key, budget));
		}
		return inFlight.stream().map(CompletableFuture::join).toList();
	}

}
