package eu.seta.gateway.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.TimeMeter;

/** Bucket4j's time, from the injected clock: refills follow the clock tests move, and replicas agree on time. */
final class ClockTimeMeter implements TimeMeter {

	private final Clock clock;

	ClockTimeMeter(Clock clock) {
		this.clock = clock;
	}

	@Override
	public long currentTimeNanos() {
		return TimeUnit.MILLISECONDS.toNanos(this.clock.millis());
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

}
