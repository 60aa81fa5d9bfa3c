package eu.seta.gateway.ratelimit;

import java.time.Duration;

/**
 * What taking one unit of a budget gave.
 *
 * @param taken whether the unit was there and is now spent
 * @param retryAfter when refused, how long until a unit is back
 */
record Take(boolean taken, Duration retryAfter) {

	static final Take TAKEN = new Take(true, Duration.ZERO);

	static Take refused(Duration retryAfter) {
		return new Take(false, retryAfter);
	}

}
