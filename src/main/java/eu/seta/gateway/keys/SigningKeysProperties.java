package eu.seta.gateway.keys;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The keys access tokens are signed with.
 *
 * @param directory a folder of key files (PEM or JWK), e.g. a mounted Kubernetes Secret; when unset, a key is
 * generated at start-up, for development only
 * @param activeKid the kid that signs new tokens; when unset, the content of the file {@code active-kid} in the
 * directory, else the only private key there
 * @param generatedAlgorithm the algorithm of the generated development key: RS256, ES256 or EdDSA
 * @param reloadInterval how often the directory is checked for changes (key rotation without restart)
 */
@Validated
@ConfigurationProperties(SigningKeysProperties.PREFIX)
record SigningKeysProperties(@Nullable Path directory, @Nullable String activeKid,
		@DefaultValue("RS256") @NotNull GeneratedAlgorithm generatedAlgorithm,
		@DefaultValue("10s") @NotNull Duration reloadInterval) {

	static final String PREFIX = "seta.keys";

	enum GeneratedAlgorithm {

		RS256, ES256, EDDSA

	}

}
