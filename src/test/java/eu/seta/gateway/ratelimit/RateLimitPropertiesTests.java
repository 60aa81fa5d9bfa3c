package eu.seta.gateway.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The shared buckets count whole seconds: a shorter period would never be written, so never spent. */
class RateLimitPropertiesTests {

	@Test
	void periodsUnderASecondAreRefusedAtStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RateLimitProperties(60, Duration.ofMillis(999), 20, Duration.ofMinutes(10)))
			.withMessageContaining("1s or longer");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RateLimitProperties(60, Duration.ofMinutes(1), 20, Duration.ZERO));
		assertThat(new RateLimitProperties(60, Duration.ofSeconds(1), 20, Duration.ofSeconds(1)).perAddress())
			.isEqualTo(new RateLimitProperties.Budget(60, Duration.ofSeconds(1)));
	}

}
