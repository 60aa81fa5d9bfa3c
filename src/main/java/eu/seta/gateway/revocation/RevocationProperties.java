package eu.seta.gateway.revocation;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The edge's list of revoked sessions and principals. How long an entry is kept is not a setting: the
 * access-token lifetime plus the clock skew, after which every token it covers has expired.
 *
 * @param maxEntries most revoked sessions (and, apart from them, principals) each replica keeps in memory; about
 * 0.25 KiB each (measured: bench/run.sh). Beyond it the revocations whose tokens expire soonest are dropped, with
 * an ERROR in the log
 * @param sweepInterval how often entries past their retention are dropped
 * @param directoryCheckInterval how often the principals this replica issued tokens to are looked up in the
 * directory, so that one disabled, removed or left without keys loses its tokens
 */
@Validated
@ConfigurationProperties(RevocationProperties.PREFIX)
public record RevocationProperties(@DefaultValue("200000") @Positive int maxEntries,
		@DefaultValue("1m") @NotNull Duration sweepInterval,
		@DefaultValue("5s") @NotNull Duration directoryCheckInterval) {

	public static final String PREFIX = "seta.revocation";

	public RevocationProperties {
		if (sweepInterval.isNegative() || sweepInterval.isZero()) {
			throw new IllegalArgumentException(PREFIX + ".sweep-interval must be positive, was " + sweepInterval);
		}
		if (directoryCheckInterval.isNegative() || directoryCheckInterval.isZero()) {
			throw new IllegalArgumentException(
					PREFIX + ".directory-check-interval must be positive, was " + directoryCheckInterval);
		}
	}

}
