package eu.seta.gateway.token;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry window's shipped default and its bounds, as a deployment that sets nothing gets them. */
class TokenPropertiesTests {

	@Test
	void aClientWhoseRefreshAnswerWasLostMayRetryForThirtySecondsByDefault() {
		assertThat(bind(Map.of()).refreshGrace()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void theRetryWindowIsAtMostFiveMinutes() {
		assertThat(bind(Map.of("seta.token.refresh-grace", "0s")).refreshGrace()).isZero();
		assertThatThrownBy(() -> bind(Map.of("seta.token.refresh-grace", "301s")))
			.hasRootCauseMessage("seta.token.refresh-grace must be between 0s and 5m, was PT5M1S");
	}

	private static TokenProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(TokenProperties.PREFIX,
				TokenProperties.class);
	}

}
