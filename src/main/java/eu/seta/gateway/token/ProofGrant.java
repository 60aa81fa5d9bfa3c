package eu.seta.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import eu.seta.gateway.audit.AuditEvent;
import eu.seta.gateway.audit.AuditLog;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalDirectory;
import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.ratelimit.FailedProofLimits;
import eu.seta.gateway.ratelimit.RateLimitedException;
import eu.seta.gateway.session.ProofFingerprint;
import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.session.Session;
import eu.seta.gateway.session.SessionStore;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /authentication/v1/token}: a signed message in, a token pair out. Unknown principal, disabled
 * principal, no key, bad signature and replayed proof all end in the same {@link #REFUSED} answer, so that the
 * response tells nobody which usernames exist. Each of them spends the failed-proof budgets of the client address
 * and of the login (see {@link FailedProofLimits}).
 */
@Component
class ProofGrant {

	static final ApiException REFUSED = new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.INVALID_GRANT,
			"Invalid user or signature.");

	private final PrincipalDirectory directory;

	private final SignatureProofVerifier verifier;

	private final SessionStore store;

	private final AccessTokenIssuer issuer;

	private final TokenProperties properties;

	private final AuditLog audit;

	private final Clock clock;

	private final FailedProofLimits limits;

	ProofGrant(PrincipalDirectory directory, SignatureProofVerifier verifier, SessionStore store,
			AccessTokenIssuer issuer, TokenProperties properties, AuditLog audit, Clock clock,
			FailedProofLimits limits) {
		this.limits = limits;
		this.directory = directory;
		this.verifier = verifier;
		this.store = store;
		this.issuer = issuer;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	Mono<TokenResponse> grant(ProofRequest proof, String client) {
		return this.limits.admit(client)
			.doOnError(RateLimitedException.class, (limited) -> rateLimited(proof, client))
			.then(this.directory.findByLogin(proof.login()).map(Optional::of).defaultIfEmpty(Optional.empty()))
			.flatMap((found) -> this.verifier.verify(found.orElse(null), proof).flatMap((verified) -> {
				Principal principal = found.orElse(null);
				if (principal == null || !verified || !principal.isActive()) {
					this.audit.event(AuditEvent.PROOF_REJECTED)
						.principal((principal != null) ? principal.id() : null)
						.client(client)
						.login(proof.login())
						.reason(reason(principal, verified))
						.record();
					return refuse(proof, client);
				}
				return startSession(principal, proof, client);
			}));
	}

	/** A failed proof spends the login's budget; once that is spent, failures are refused with 429. */
	private <T> Mono<T> refuse(ProofRequest proof, String client) {
		return this.limits.failed(proof.login())
			.doOnError(RateLimitedException.class, (limited) -> rateLimited(proof, client))
			.then(Mono.error(REFUSED));
	}

	private void rateLimited(ProofRequest proof, String client) {
		this.audit.event(AuditEvent.RATE_LIMITED).client(client).login(proof.login()).record();
	}

	/**
	 * Recording the proof and storing the session are one store step: two racing replays cannot both pass, and a
	 * replay costs no signature. The access token is signed once the session is stored, never for nothing.
	 */
	private Mono<TokenResponse> startSession(Principal principal, ProofRequest proof, String client) {
		// the stores keep time in milliseconds: a finer 'now' would make a 24 h refresh token read as 86399 s
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		RefreshTokens.Issued refresh = RefreshTokens.newSession(principal.id());
		Session session = Session.start(refresh.key(), principal.id(), refresh.hash(), now,
				this.properties.refreshIdleTtl(), this.properties.sessionMaxTtl());
		return this.store
			.start(session, ProofFingerprint.of(principal.id(), proof.message()),
					now.plus(this.properties.replayRetention()))
			.flatMap((started) -> {
				if (!started) {
					this.audit.event(AuditEvent.PROOF_REPLAYED).principal(principal.id()).client(client).record();
					return refuse(proof, client);
				}
				return this.issuer.issue(principal, refresh.key().id(), true, now).flatMap((access) -> {
					this.audit.event(AuditEvent.TOKEN_ISSUED)
						.principal(principal.id())
						.client(client)
						.session(refresh.key().logId())
						.record();
					return this.limits.succeeded(client).thenReturn(TokenResponses.of(access, refresh, session, now));
				});
			});
	}

	private static String reason(@Nullable Principal principal, boolean verified) {
		if (principal == null) {
			return "unknown_principal";
		}
		if (principal.publicKeys().isEmpty()) {
			return "no_key";
		}
		if (!verified) {
			return "bad_signature";
		}
		return "principal_disabled";
	}

}
