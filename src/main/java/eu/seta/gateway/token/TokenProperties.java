package eu.seta.gateway.token;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the token API issues.
 *
 * @param issuer the {@code iss} of every token, and the base of the URLs in the authorization server metadata: the
 * gateway's public URL; unset, {@code http://localhost:<port>} of the port the gateway listens on (see
 * {@link TokenIssuer}), for a developer's machine
 * @param audience the {@code aud} of every access token
 * @param accessTokenTtl lifetime of an access token
 * @param refreshIdleTtl a refresh token not used for this long stops working (sliding: each refresh renews it)
 * @param sessionMaxTtl no session outlives this, however often it is refreshed
 * @param refreshGrace how long after a rotation the replaced refresh token may still be presented (a client retry
 * after a lost response: a replica that crashed with the answer in flight, a 503 after the write); 0 makes every
 * second use a reuse
 * @param replayRetention how long a used (principal, message) proof is remembered and refused
 */
@Validated
@ConfigurationProperties(TokenProperties.PREFIX)
public record TokenProperties(@Nullable URI issuer,
		@DefaultValue("seta-api") @NotEmpty List<String> audience, @DefaultValue("1h") @NotNull Duration accessTokenTtl,
		@DefaultValue("24h") @NotNull Duration refreshIdleTtl, @DefaultValue("30d") @NotNull Duration sessionMaxTtl,
		@DefaultValue("30s") @NotNull Duration refreshGrace, @DefaultValue("24h") @NotNull Duration replayRetention) {

	public static final String PREFIX = "seta.token";

	public TokenProperties {
		if (issuer != null && !isIssuerUrl(issuer)) {
			throw new IllegalArgumentException(PREFIX + ".issuer must be an http or https URL without query or "
					+ "fragment, e.g. https://seta.example.org; was '" + issuer + "'");
		}
		requirePositive("access-token-ttl", accessTokenTtl);
		requirePositive("refresh-idle-ttl", refreshIdleTtl);
		requirePositive("session-max-ttl", sessionMaxTtl);
		requirePositive("replay-retention", replayRetention);
		if (refreshGrace.isNegative() || refreshGrace.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException(PREFIX + ".refresh-grace must be between 0s and 5m, was " + refreshGrace);
		}
	}

	/** RFC 8414 section 2: an issuer is a URL with a host and without query or fragment. */
	private static boolean isIssuerUrl(URI issuer) {
		return ("https".equals(issuer.getScheme()) || "http".equals(issuer.getScheme())) && issuer.getHost() != null
				&& issuer.getRawQuery() == null && issuer.getRawFragment() == null;
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(PREFIX + "." + name + " must be positive, was " + value);
		}
	}

}
