package eu.seta.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalDirectory;
import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.session.SessionStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Introspection of a refresh token: active while it is its session's current token, the session is live and its
 * principal is still active in the directory (what a refresh would check). Its claims are the session's and the
 * principal's; a refresh token has no {@code iat} or {@code aud} of its own.
 */
@Component
class RefreshIntrospection {

	private final SessionStore store;

	private final PrincipalDirectory directory;

	private final TokenIssuer issuer;

	private final Clock clock;

	RefreshIntrospection(SessionStore store, PrincipalDirectory directory, TokenIssuer issuer, Clock clock) {
		this.store = store;
		this.directory = directory;
		this.issuer = issuer;
		this.clock = clock;
	}

	/** Empty when the token is not active. */
	Mono<Map<String, Object>> introspect(String token) {
		RefreshTokens.Presented presented = RefreshTokens.parse(token).orElse(null);
		if (presented == null) {
			return Mono.empty();
		}
		Instant now = this.clock.instant();
		return this.store.find(presented.key(), presented.hash(), now)
			.flatMap((session) -> this.directory.findById(session.principalId())
				.filter(Principal::isActive)
				.map((principal) -> {
					Map<String, Object> answer = new LinkedHashMap<>();
					answer.put("active", true);
					answer.put("sub", principal.id());
					answer.put("client_id", principal.id());
					answer.put("sid", session.key().id());
					answer.put("exp", session.idleExpiresAt().getEpochSecond());
					answer.put("iss", this.issuer.id());
					answer.put("token_type", "refresh_token");
					answer.put("role", principal.role().value());
					answer.put("user_type", principal.type().value());
					Map<String, Object> setaId = new LinkedHashMap<>();
					setaId.put("user_id", principal.id());
					setaId.put("provider", principal.login().provider());
					setaId.put("provider_uid", principal.login().username());
					answer.put("seta_id", setaId);
					if (principal.owner() != null) {
						answer.put("owner", principal.owner());
					}
					return answer;
				}));
	}

}
