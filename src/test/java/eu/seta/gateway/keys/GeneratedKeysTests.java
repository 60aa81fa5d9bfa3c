package eu.seta.gateway.keys;

import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.testing.CryptoProviders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedKeysTests {

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("algorithmsAndProviders")
	void generatesAKeyOfTheChosenAlgorithmWithADevKid(SigningKeysProperties.GeneratedAlgorithm algorithm,
			CryptoProvider crypto) throws Exception {
		KeySet keys = GeneratedKeys.generate(algorithm, crypto);
		assertThat(keys.active().kid()).startsWith("dev-");
		assertThat(keys.active().algorithm().getName())
			.isEqualTo((algorithm == SigningKeysProperties.GeneratedAlgorithm.EDDSA) ? JWSAlgorithm.EdDSA.getName()
					: algorithm.name());
		assertThat(keys.published().getKeys()).singleElement().satisfies((jwk) -> assertThat(jwk.isPrivate()).isFalse());
		// what the key signs, its own verifier (built through the same provider) accepts
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(keys.active().algorithm()).keyID(keys.active().kid()).build(),
				new JWTClaimsSet.Builder().subject("u").build());
		jwt.sign(keys.active().signer());
		assertThat(jwt.verify(keys.verifier(keys.active().kid()).verifier())).isTrue();
	}

	static Stream<Arguments> algorithmsAndProviders() {
		return Stream.of(SigningKeysProperties.GeneratedAlgorithm.values())
			.flatMap((algorithm) -> CryptoProviders.both().map((crypto) -> Arguments.of(algorithm, crypto)));
	}

}
