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

	/** The verified caller of this exchange; empty when the call carries no valid access token. */
	public static Mono<Caller> of(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> from(((JwtAuthenticationToken) principal).getToken()));
	}

	static Caller from(Jwt jwt) {
		Map<String, Object> setaId = jwt.getClaimAsMap("seta_id");
		return new Caller(jwt.getSubject(), text(setaId, "provider"), text(setaId, "provider_uid"),
				textOf(jwt.getClaim("role")), textOf(jwt.getClaim("user_type")), textOf(jwt.getId()));
	}

	private static String text(@Nullable Map<String, Object> map, String key) {
		return (map == null) ? "" : textOf(map.get(key));
	}

	private static String textOf(@Nullable Object value) {
		return (value instanceof String text) ? text : "";
	}

}
