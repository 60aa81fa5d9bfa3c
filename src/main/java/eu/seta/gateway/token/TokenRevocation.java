package eu.seta.gateway.token;

import eu.seta.gateway.audit.AuditEvent;
import eu.seta.gateway.audit.AuditLog;
import eu.seta.gateway.edge.AccessTokens;
import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.revocation.Revocations;
import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.session.SessionKey;
import eu.seta.gateway.session.SessionStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /authentication/v1/token/revoke} (RFC 7009): ends the session of a refresh token (any token of its
 * rotation chain) or of an access token (its {@code sid}), refresh side and access side: the session's access
 * tokens stop working at the edge too. The answer never says whether there was anything to revoke, so it is no
 * oracle for tokens. An access token is taken only if it is valid now, so nobody revokes a session by guessing
 * its id.
 */
@Component
class TokenRevocation {

	private final SessionStore store;

	private final Revocations revocations;

	private final AccessTokens accessTokens;

	private final AuditLog audit;

	TokenRevocation(SessionStore store, Revocations revocations, AccessTokens accessTokens, AuditLog audit) {
		this.store = store;
		this.revocations = revocations;
		this.accessTokens = accessTokens;
		this.audit = audit;
	}

	Mono<Void> revoke(String token, String client) {
		if (RefreshTokens.looksLikeJwt(token)) {
			return revokeByAccessToken(token, client);
		}
		return Mono.justOrEmpty(RefreshTokens.parse(token))
			.flatMap((presented) -> this.store.revoke(presented.key())
				.flatMap((principalId) -> this.revocations.revokeSession(presented.key().id())
					.then(Mono.fromRunnable(() -> record(principalId, client, presented.key(), "holder")))))
			.then();
	}

	/** The session is ended in the store too, if it is still there; the access side is revoked either way. */
	private Mono<Void> revokeByAccessToken(String token, String client) {
		Caller caller = this.accessTokens.valid(token);
		if (caller == null || caller.sessionId().isEmpty()) {
			return Mono.empty();
		}
		SessionKey key = new SessionKey(RefreshTokens.slotOf(caller.userId()), caller.sessionId());
		return this.store.revoke(key)
			.then(this.revocations.revokeSession(key.id()))
			.then(Mono.fromRunnable(() -> record(caller.userId(), client, key, "holder_access_token")));
	}

	private void record(String principalId, String client, SessionKey key, String reason) {
		this.audit.event(AuditEvent.SESSION_REVOKED)
			.principal(principalId)
			.client(client)
			.session(key.logId())
			.reason(reason)
			.record();
	}

}
