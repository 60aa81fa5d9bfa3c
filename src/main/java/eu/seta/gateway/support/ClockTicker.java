package eu.seta.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A Caffeine ticker driven by the injected clock, so that expiry follows the clock tests move. Caffeine needs a
 * ticker that never goes back; a wall clock does when NTP steps it. Holding the highest value seen keeps entries a
 * little longer after such a step, which errs on the safe side: a replay record or a cached verification then
 * outlives its deadline by the step, and every holder still checks its own deadline against the clock.
 */
public final class ClockTicker {

	private ClockTicker() {
	}

	/** Time left until the deadline on the clock, never negative: what a cache entry may still live. */
	public static Duration remaining(Clock clock, Instant deadline) {
		Duration left = Duration.between(clock.instant(), deadline);
		return left.isNegative() ? Duration.ZERO : left;
	}

	public static Ticker of(Clock clock) {
		AtomicLong highest = new AtomicLong(Long.MIN_VALUE);
		return () -> highest.accumulateAndGet(TimeUnit.MILLISECONDS.toNanos(clock.millis()), Math::max);
	}

}
