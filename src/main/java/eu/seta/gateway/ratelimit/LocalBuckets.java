package eu.seta.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import eu.seta.gateway.support.Caches;
import eu.seta.gateway.support.ClockTicker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import reactor.core.publisher.Mono;

/**
 * Buckets in this process, for the in-memory store. Bounded: an idle bucket is forgotten once it would have
 * refilled anyway, and at most {@code maxBuckets} are kept, so a flood of addresses cannot grow memory.
 */
final class LocalBuckets implements Buckets {

	private final Cache<String, Bucket> buckets;

	private final TimeMeter time;

	LocalBuckets(Clock clock, Duration longestPeriod, long maxBuckets) {
		this.time = new ClockTimeMeter(clock);
		this.buckets = Caches.newBuilder()
			.maximumSize(maxBuckets)
			.ticker(ClockTicker.of(clock))
			.expireAfterAccess(longestPeriod)
			.build();
	}

	@Override
	public Mono<Take> take(String key, RateLimitProperties.Budget budget) {
		return Mono.fromSupplier(() -> {
			ConsumptionProbe probe = bucket(key, budget).tryConsumeAndReturnRemaining(1);
			return probe.isConsumed() ? Take.TAKEN
					: Take.refused(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
		});
	}

	@Override
	public Mono<Void> giveBack(String key, RateLimitProperties.Budget budget) {
		return Mono.fromRunnable(() -> bucket(key, budget).addTokens(1));
	}

	private Bucket bucket(String key, RateLimitProperties.Budget budget) {
		return this.buckets.get(key,
				(name) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(budget.failures()).refillGreedy(budget.failures(), budget.period()))
					.withCustomTimePrecision(this.time)
					.build());
	}

}
