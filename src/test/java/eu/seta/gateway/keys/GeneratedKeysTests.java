package eu.seta.gateway.keys;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedKeysTests {

	@ParameterizedTest
	@EnumSource(SigningKeysProperties.GeneratedAlgorithm.class)
	void generatesAKeyOfTheChosenAlgorithmWithADevKid(SigningKeysProperties.GeneratedAlgorithm algorithm) {
		KeySet keys = GeneratedKeys.generate(algorithm);
		assertThat(keys.active().kid()).startsWith("dev-");
		assertThat(keys.active().algorithm().getName())
			.isEqualTo((algorithm == SigningKeysProperties.GeneratedAlgorithm.EDDSA) ? JWSAlgorithm.EdDSA.getName()
					: algorithm.name());
		assertThat(keys.published().getKeys()).singleElement().satisfies((jwk) -> assertThat(jwk.isPrivate()).isFalse());
	}

}
