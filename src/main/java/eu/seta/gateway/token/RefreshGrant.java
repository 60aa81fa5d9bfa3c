package eu.seta.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import eu.seta.gateway.audit.AuditEvent;
import eu.seta.gateway.audit.AuditLog;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalDirectory;
import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.revocation.Revocations;
import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.session.Rotation;
import eu.seta.gateway.session.SessionStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /authentication/v1/token/refresh}: one refresh token in, a new pair out. The presented token is
 * consumed in the same store step that checks it; presenting a consumed one revokes the whole session, because
 * either the client or a thief holds a copy and the store cannot tell which.
 */
@Component
class RefreshGrant {

	private final SessionStore store;

	private final PrincipalDirectory directory;

	private final AccessTokenIssuer issuer;

	private final TokenProperties properties;

	private final AuditLog audit;

	private final Clock clock;

	private final Revocations revocations;

	RefreshGrant(SessionStore store, PrincipalDirectory directory, AccessTokenIssuer issuer, TokenProperties properties,
			AuditLog audit, Clock clock, Revocations revocations) {
		this.store = store;
		this.revocations = revocations;
		this.directory = directory;
		this.issuer = issuer;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	Mono<TokenResponse> refresh(String bearer, String client) {
		if (RefreshTokens.looksLikeJwt(bearer)) {
			return Mono.error(refused("An access token cannot be used to refresh; present the refresh token."));
		}
		RefreshTokens.Presented presented = RefreshTokens.parse(bearer).orElse(null);
		if (presented == null) {
			return Mono.error(refused("The refresh token is invalid, expired or revoked."));
		}
		RefreshTokens.Issued next = RefreshTokens.next(presented);
		// the stores keep time in milliseconds: a finer 'now' would make a 24 h refresh token read as 86399 s
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		return this.store
			.rotate(presented.key(), presented.hash(), next.hash(), now, this.properties.refreshIdleTtl(),
					this.properties.refreshGrace())
			.flatMap((rotation) -> {
				if (rotation instanceof Rotation.Rotated rotated) {
					return issueFor(rotated, next, client, now);
				}
				if (rotation instanceof Rotation.Reused reused) {
					// the access tokens of the session go with it: one of them may be the thief's
					return this.revocations.revokeSession(reused.key().id()).then(Mono.defer(() -> {
						this.audit.event(AuditEvent.REUSE_DETECTED)
							.principal(reused.principalId())
							.client(client)
							.session(reused.key().logId())
							.reason("rotated_token_presented")
							.record();
						return Mono.error(refused("The refresh token was already used; its session is revoked."));
					}));
				}
				if (rotation instanceof Rotation.Expired expired) {
					this.audit.event(AuditEvent.REFRESH_REJECTED)
						.principal(expired.principalId())
						.client(client)
						.session(expired.key().logId())
						.reason("expired")
						.record();
				}
				return Mono.error(refused("The refresh token is invalid, expired or revoked."));
			});
	}

	/** The principal is checked again: one disabled or removed since the login loses all its sessions now. */
	private Mono<TokenResponse> issueFor(Rotation.Rotated rotated, RefreshTokens.Issued next, String client,
			Instant now) {
		String principalId = rotated.session().principalId();
		return this.directory.findById(principalId)
			.filter(Principal::isActive)
			.flatMap((principal) -> this.issuer.issue(principal, next.key().id(), false, now).map((access) -> {
				this.audit.event(AuditEvent.TOKEN_REFRESHED)
					.principal(principalId)
					.client(client)
					.session(next.key().logId())
					.record();
				return TokenResponses.of(access, next, rotated.session(), now);
			}))
			.switchIfEmpty(Mono.defer(() -> this.store.revokeAll(principalId)
				.flatMap((revoked) -> this.revocations.revokePrincipal(principalId).thenReturn(revoked))
				.flatMap((revoked) -> {
					this.audit.event(AuditEvent.SESSION_REVOKED)
						.principal(principalId)
						.client(client)
						.session(next.key().logId())
						.reason("principal_disabled")
						.count(revoked)
						.record();
					return Mono.error(refused("The principal is disabled or unknown; its sessions are revoked."));
				})));
	}

	static ApiException refused(String message) {
		return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.INVALID_GRANT, message);
	}

}
