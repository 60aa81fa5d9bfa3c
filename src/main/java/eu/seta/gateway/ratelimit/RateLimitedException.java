package eu.seta.gateway.ratelimit;

import java.time.Duration;

/** A budget of failed proofs is spent; the caller may try again after {@link #retryAfter()}. */
public final class RateLimitedException extends RuntimeException {

	private final Duration retryAfter;

	RateLimitedException(Duration retryAfter) {
		super("Too many failed attempts", null, false, false);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whole seconds, at least 1, for the {@code Retry-After} header. */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
