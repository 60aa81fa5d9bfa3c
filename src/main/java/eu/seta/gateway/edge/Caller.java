package eu.seta.gateway.edge;

import java.util.Map;

import eu.seta.gateway.issuers.ExternalToken;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling, from a verified access token: what the edge tells backends and what route requirements check.
 * Built once, when the token is verified, and remembered with it.
 *
 * @param userId the principal id ({@code sub})
 * @param provider identity provider
 * @param username the provider's uid
 * @param role {@code User} or {@code Administrator}
 * @param userType {@code user} or {@code application}
 * @param tokenId the token's {@code jti}
 * @param sessionId the token's {@code sid}, its refresh session; empty for a token without one
 * @param issuedAt the token's {@code iat} in epoch seconds; {@link Long#MIN_VALUE} without one, so that a
 * principal's "not before" time refuses it
 * @param issuer empty for the gateway's own tokens; for a trusted external issuer's, that issuer (backends get it
 * as {@code X-Seta-Issuer})
 */
public record Caller(String userId, String provider, String username, String role, String userType,
		String tokenId, String sessionId, long issuedAt, String issuer) {

	public static final String ADMINISTRATOR = "Administrator";

	/** Attributes are the server's own: a client cannot set one. */
	private static final String ATTRIBUTE = Caller.class.getName();

	/** The verified caller of this exchange, or {@code null} when the call carries no valid access token. */
	public static @Nullable Caller find(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	static void remember(ServerWebExchange exchange, Caller caller) {
		exchange.getAttributes().put(ATTRIBUTE, caller);
	}

	public boolean isAdministrator() {
		return ADMINISTRATOR.equals(this.role);
	}

	/** An application principal: a backend or a client program, never a person. */
	public boolean isApplication() {
		return "application".equals(this.userType);
	}

	/** From verified claims, read as they are: a claim of an unexpected shape reads as empty, never fails. */
	static Caller of(Map<?, ?> claims) {
		Map<?, ?> setaId = (claims.get("seta_id") instanceof Map<?, ?> map) ? map : Map.of();
		long issuedAt = (claims.get("iat") instanceof Number iat) ? iat.longValue() : Long.MIN_VALUE;
		return new Caller(text(claims.get("sub")), text(setaId.get("provider")), text(setaId.get("provider_uid")),
				text(claims.get("role")), text(claims.get("user_type")), text(claims.get("jti")),
				text(claims.get("sid")), issuedAt, "");
	}

	/**
	 * From a trusted issuer's verified token: no session of the gateway's (its revocations reach the caller through
	 * its user id and {@code iat}).
	 */
	static Caller of(ExternalToken token) {
		return new Caller(token.userId(), token.login().provider(), token.login().username(), token.role(),
				token.userType(), token.tokenId(), "", token.issuedAt(), token.issuer());
	}

	/** A caller of a trusted external issuer rather than of the gateway's own tokens. */
	public boolean isExternal() {
		return !this.issuer.isEmpty();
	}

	private static String text(@Nullable Object value) {
		return (value instanceof String text) ? text : "";
	}

}
