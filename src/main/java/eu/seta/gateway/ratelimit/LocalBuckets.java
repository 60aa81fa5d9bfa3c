package eu.seta.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.seta.gateway.support.ClockTicker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Buckets in this process, for the in-memory store. Bounded: an idle bucket is forgotten once it would have
 * refilled anyway, and at most {@code maxBuckets} are kept, so a flood of addresses cannot grow memory.
 */
final class LocalBuckets implements Buckets {

	private final Cache<String, Bucket> buckets;

	private final TimeMeter time;

	LocalBuckets(Clock clock, Duration longestPeriod, long maxBuckets) {
		this.time = new ClockTimeMeter(clock);
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxBuckets)
			.ticker(ClockTicker.of(clock))
			.expireAfterAccess(longestPeriod)
			.build();
	}

	@Override
	public CompletableFuture<ConsumptionProbe> consume(String key, RateLimitProperties.Budget budget) {
		return CompletableFuture.completedFuture(bucket(key, budget).tryConsumeAndReturnRemaining(1));
	}

	@Override
	public CompletableFuture<Void> refund(String key, RateLimitProperties.Budget budget) {
		bucket(key, budget).addTokens(1);
		return CompletableFuture.completedFuture(null);
	}

	private Bucket bucket(String key, RateLimitProperties.Budget budget) {
		return this.buckets.get(key,
				(name) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(budget.failures()).refillGreedy(budget.failures(), budget.period()))
					.withCustomTimePrecision(this.time)
					.build());
	}

}
