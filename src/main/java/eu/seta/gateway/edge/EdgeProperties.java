package eu.seta.gateway.edge;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the edge admits proxied calls and what it tells backends.
 *
 * @param identityHeaderPrefix headers with this prefix carry the verified identity to backends; any a client sends
 * are removed first (any case, {@code _} for {@code -})
 * @param trustedProxies addresses or CIDR ranges of proxies in front of the gateway (a load balancer, an
 * ingress); only from them are {@code Forwarded}, {@code X-Forwarded-*} and {@code X-Real-IP} headers believed
 * @param clockSkew leeway for {@code exp} and {@code nbf}
 * @param maxTokenLength longest bearer token looked at; longer ones are refused unread (400 {@code invalid_request})
 * @param maxHeaderBytes most bytes of request headers accepted, all together; more is refused with 431
 * @param verifiedTokenCacheSize most verified tokens remembered, so a reused token is verified once
 * @param cors cross-origin access for browser clients; off unless origins are listed
 * @param backendResponseTimeout longest wait for a backend's answer before 504, for every route (a route's metadata
 * {@code response-timeout} can only shorten it); kept by the HTTP client's own read timer, not a timer per call
 */
@Validated
@ConfigurationProperties(EdgeProperties.PREFIX)
public record EdgeProperties(@DefaultValue("X-Seta-") @NotBlank String identityHeaderPrefix,
		@DefaultValue List<String> trustedProxies, @DefaultValue("30s") @NotNull Duration clockSkew,
		@DefaultValue("4096") @Positive int maxTokenLength,
		@DefaultValue("16384") @Positive int maxHeaderBytes, @DefaultValue("10000") @Positive long verifiedTokenCacheSize,
		@DefaultValue @Valid Cors cors, @DefaultValue("30s") @NotNull Duration backendResponseTimeout) {

	public static final String PREFIX = "seta.edge";

	public EdgeProperties {
		if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException(PREFIX + ".clock-skew must be between 0s and 5m, was " + clockSkew);
		}
	}

	/**
	 * @param allowedOrigins exact origins (scheme://host[:port]) allowed to call from a browser; empty turns CORS off
	 * @param allowCredentials whether browsers may send cookies or HTTP authentication along; never with {@code *}
	 * @param maxAge how long browsers may cache a preflight answer
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("false") boolean allowCredentials,
			@DefaultValue("30m") @NotNull Duration maxAge) {

		public Cors {
			if (allowCredentials && allowedOrigins.stream().anyMatch((origin) -> origin.contains("*"))) {
				throw new IllegalArgumentException(PREFIX + ".cors.allow-credentials cannot be combined with a '*' "
						+ "origin: list the exact origins");
			}
		}

		public boolean enabled() {
			return !this.allowedOrigins.isEmpty();
		}

	}

}
