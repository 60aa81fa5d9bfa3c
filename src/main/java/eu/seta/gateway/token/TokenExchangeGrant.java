package eu.seta.gateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import eu.seta.gateway.audit.AuditEvent;
import eu.seta.gateway.audit.AuditLog;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalDirectory;
import eu.seta.gateway.edge.EdgeProperties;
import eu.seta.gateway.errors.ApiException;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.issuers.ExternalToken;
import eu.seta.gateway.issuers.ExternalTokenRejectedException;
import eu.seta.gateway.issuers.IssuerUnavailableException;
import eu.seta.gateway.issuers.TrustedIssuers;
import eu.seta.gateway.session.ProofFingerprint;
import eu.seta.gateway.session.RefreshTokens;
import eu.seta.gateway.session.Session;
import eu.seta.gateway.session.SessionStore;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Token exchange (RFC 8693) at {@code POST /authentication/v1/token}: a trusted issuer's token of a principal that
 * exists and is active in the directory, in; a token pair of the gateway's, with a refresh session as a proof login
 * starts one, out. The token is checked as the edge checks it (its issuer's keys, audience, expiry), and whatever
 * the issuer's {@code require-principal} says, the principal must be in the directory: the pair is that
 * principal's, with its id, role and type.
 * <p>
 * Each issuer token is exchanged once: the exchange is recorded with the session in one store step, as a proof is,
 * so that a token that leaked cannot be turned into many sessions. Every refusal is the same {@link #REFUSED}
 * answer ({@code invalid_request}, as RFC 8693 section 2.2.2 wants for a subject token that is not acceptable).
 */
@Component
class TokenExchangeGrant {

	static final ApiException REFUSED = new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
			"The subject token is not accepted.");

	private final TrustedIssuers issuers;

	private final PrincipalDirectory directory;

	private final SessionStore store;

	private final AccessTokenIssuer issuer;

	private final TokenProperties properties;

	private final Duration skew;

	private final AuditLog audit;

	private final Clock clock;

	TokenExchangeGrant(TrustedIssuers issuers, PrincipalDirectory directory, SessionStore store,
			AccessTokenIssuer issuer, TokenProperties properties, EdgeProperties edge, AuditLog audit, Clock clock) {
		this.issuers = issuers;
		this.directory = directory;
		this.store = store;
		this.issuer = issuer;
		this.properties = properties;
		this.skew = edge.clockSkew();
		this.audit = audit;
		this.clock = clock;
	}

	/** Without trusted issuers the token endpoint stays as it was: a JSON proof, nothing else. */
	boolean offered() {
		return !this.issuers.isEmpty();
	}

	Mono<TokenResponse> exchange(TokenExchangeRequest request, String client) {
		return this.issuers.verify(request.subjectToken())
			.onErrorMap(ExternalTokenRejectedException.class, (rejected) -> refused(client, null, rejected.reason()))
			.onErrorMap(IssuerUnavailableException.class, (unavailable) -> ApiException
				.unavailable(unavailable.getMessage(), 5))
			.flatMap((token) -> this.directory.findByLogin(token.login())
				.filter(Principal::isActive)
				.switchIfEmpty(Mono.error(() -> refused(client, token, "unknown_or_disabled_principal")))
				.flatMap((principal) -> startSession(principal, token, request.subjectToken(), client)));
	}

	/**
	 * Recording the exchange and storing the session are one store step, as for a proof: two racing exchanges of
	 * one token cannot both pass.
	 */
	private Mono<TokenResponse> startSession(Principal principal, ExternalToken token, String subjectToken,
			String client) {
		// the stores keep time in milliseconds, as for a proof login
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		RefreshTokens.Issued refresh = RefreshTokens.newSession(principal.id());
		Session session = Session.start(refresh.key(), principal.id(), refresh.hash(), now,
				this.properties.refreshIdleTtl(), this.properties.sessionMaxTtl());
		// a hash of the token, kept until it could not be accepted anyway; never the token itself
		String exchanged = ProofFingerprint.of(principal.id(), "token-exchange\u0000" + subjectToken);
		Instant keepUntil = token.expiresAt().plus(this.skew);
		return this.store.start(session, exchanged, keepUntil.isAfter(now) ? keepUntil : now.plusSeconds(1))
			.flatMap((started) -> {
				if (!started) {
					return Mono.error(refused(client, token, "already_exchanged"));
				}
				return this.issuer.issue(principal, refresh.key().id(), true, now).map((access) -> {
					this.audit.event(AuditEvent.TOKEN_EXCHANGED)
						.principal(principal.id())
						.client(client)
						.session(refresh.key().logId())
						.login(token.login())
						.record();
					return TokenResponses.exchanged(access, refresh, session, now);
				});
			});
	}

	private ApiException refused(String client, @Nullable ExternalToken token, String reason) {
		this.audit.event(AuditEvent.EXCHANGE_REJECTED)
			.client(client)
			.login((token != null) ? token.login() : null)
			.reason(reason)
			.record();
		return REFUSED;
	}

}
