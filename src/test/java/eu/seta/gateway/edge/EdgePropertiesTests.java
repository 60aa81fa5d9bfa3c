package eu.seta.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EdgePropertiesTests {

	@Test
	void credentialsWithAWildcardOriginStopStartUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EdgeProperties.Cors(List.of("*"), true, Duration.ofMinutes(30)))
			.withMessageContaining("cannot be combined with a '*' origin");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EdgeProperties.Cors(List.of("https://*.example.org"), true, Duration.ofMinutes(30)));
	}

	@Test
	void corsIsOffWithoutOrigins() {
		assertThat(new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)).enabled()).isFalse();
		assertThat(new EdgeProperties.Cors(List.of("https://seta.example.org"), true, Duration.ofMinutes(30)).enabled())
			.isTrue();
	}

	@Test
	void clockSkewIsBounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EdgeProperties("X-Seta-", List.of(),
				Duration.ofHours(1), 4096, 16384, 100, new EdgeProperties.Cors(List.of(), false, Duration.ZERO),
				Duration.ofSeconds(30)));
	}

}
