package eu.seta.gateway.edge;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is calling, from a verified access token: what the edge tells backends and what route requirements check.
 *
 * @param userId the principal id ({@code sub})
 * @param provider identity provider
 * @param username the provider's uid
 * @param role {@code User} or {@code Administrator}
 * @param userType {@code user} or {@code application}
 * @param tokenId the token's {@code jti}
 */
public record Caller(String userId, String provider, String username, String role, String userType,
		String tokenId) {

	/** Where the first lookup of an exchange leaves the caller, for the filters after it. */
	private static final String ATTRIBUTE = Caller.class.getName();

	/**
	 * The verified caller of this exchange; empty when the call carries no valid access token. Route access,
	 * route requirements and identity headers all ask, so the caller is built from the token once per exchange
	 * (attributes are the server's own: a client cannot set one).
	 */
	public static Mono<Caller> of(ServerWebExchange exchange) {
		Caller known = exchange.getAttribute(ATTRIBUTE);
		if (known != null) {
			return Mono.just(known);
		}
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> from(((JwtAuthenticationToken) principal).getToken()))
			.doOnNext((caller) -> exchange.getAttributes().put(ATTRIBUTE, caller));
	}

	static Caller from(Jwt jwt) {
		// read as is, not through the claim converters, which throw on a shape they cannot convert
		Map<?, ?> setaId = (jwt.getClaims().get("seta_id") instanceof Map<?, ?> map) ? map : null;
		return new Caller(jwt.getSubject(), text(setaId, "provider"), text(setaId, "provider_uid"),
				textOf(jwt.getClaims().get("role")), textOf(jwt.getClaims().get("user_type")),
				textOf(jwt.getClaims().get("jti")));
	}

	private static String text(@Nullable Map<?, ?> map, String key) {
		return (map == null) ? "" : textOf(map.get(key));
	}

	private static String textOf(@Nullable Object value) {
		return (value instanceof String text) ? text : "";
	}

}
