package eu.seta.gateway.token;

import eu.seta.gateway.audit.AuditEvent;
import eu.seta.gateway.audit.AuditLog;
import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.session.SessionStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /authentication/v1/token/revoke} (RFC 7009): ends the session of a refresh token, any token of its
 * rotation chain. The answer never says whether there was anything to revoke, so it is no oracle for tokens.
 * Access tokens are not revocable: they are short-lived and checked without a store round trip.
 */
@Component
class TokenRevocation {

	private final SessionStore store;

	private final AuditLog audit;

	TokenRevocation(SessionStore store, AuditLog audit) {
		this.store = store;
		this.audit = audit;
	}

	Mono<Void> revoke(String token, String client) {
		return Mono.justOrEmpty(RefreshTokens.parse(token))
			.flatMap((presented) -> this.store.revoke(presented.key())
				.doOnNext((principalId) -> this.audit.event(AuditEvent.SESSION_REVOKED)
					.principal(principalId)
					.client(client)
					.session(presented.key().logId())
					.reason("holder")
					.record()))
			.then();
	}

}
