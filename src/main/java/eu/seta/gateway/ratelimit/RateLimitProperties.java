package eu.seta.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Budgets of failed login proofs. A budget refills steadily: all of it within its period. While an address's budget
 * is spent, {@code /token} answers it 429 with {@code Retry-After}, whatever the proof; while a login's is spent,
 * further failures against it get 429 instead of 401 (a correct proof still passes).
 *
 * @param failuresPerAddress failed proofs one client address may make per {@code addressPeriod}
 * @param addressPeriod refill period of an address's budget
 * @param failuresPerLogin failed proofs against one provider+username, from anywhere, per {@code loginPeriod}
 * @param loginPeriod refill period of a login's budget
 */
@Validated
@ConfigurationProperties(RateLimitProperties.PREFIX)
public record RateLimitProperties(@DefaultValue("60") @Positive long failuresPerAddress,
		@DefaultValue("1m") @NotNull Duration addressPeriod, @DefaultValue("20") @Positive long failuresPerLogin,
		@DefaultValue("10m") @NotNull Duration loginPeriod) {

	public static final String PREFIX = "seta.rate-limit";

	public RateLimitProperties {
		// the shared buckets count whole seconds
		if (addressPeriod.compareTo(Duration.ofSeconds(1)) < 0 || loginPeriod.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(PREFIX + " periods must be 1s or longer");
		}
	}

	Budget perAddress() {
		return new Budget(this.failuresPerAddress, this.addressPeriod);
	}

	Budget perLogin() {
		return new Budget(this.failuresPerLogin, this.loginPeriod);
	}

	Duration longestPeriod() {
		return (this.addressPeriod.compareTo(this.loginPeriod) > 0) ? this.addressPeriod : this.loginPeriod;
	}

	/** How many failures, refilled within what period. */
	record Budget(long failures, Duration period) {
	}

}
