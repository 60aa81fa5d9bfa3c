package eu.seta.gateway.issuers;

import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.directory.DirectoryUnavailableException;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalDirectory;
import eu.seta.gateway.revocation.TokenRecipients;
import eu.seta.gateway.support.Base64Url;
import reactor.core.publisher.Mono;

/**
 * The trusted external issuers, as the edge and the token exchange ask about a token: which issuer it claims
 * ({@code iss}, read before anything is verified, to pick exactly that issuer's keys), whether that issuer's keys
 * verify it, and who it is in SeTA's terms. A token claiming an issuer not listed is refused here, so it never
 * reaches a key.
 */
public final class TrustedIssuers {

	private final Map<String, TrustedIssuer> byId;

	private final PrincipalDirectory directory;

	private final TokenRecipients recipients;

	TrustedIssuers(Map<String, TrustedIssuer> byId, PrincipalDirectory directory, TokenRecipients recipients) {
		this.byId = Map.copyOf(byId);
		this.directory = directory;
		this.recipients = recipients;
	}

	public boolean isEmpty() {
		return this.byId.isEmpty();
	}

	Collection<TrustedIssuer> all() {
		return this.byId.values();
	}

	/**
	 * Signature, header, claims and mapping; no directory. What the token exchange asks, which then looks the
	 * principal up itself.
	 */
	public Mono<ExternalToken> verify(String token) {
		SignedJWT jwt;
		TrustedIssuer issuer;
		try {
			jwt = SignedJWT.parse(token);
			Base64URL signature = jwt.getSignature();
			if (!Base64Url.isCanonical(signature.toString())) {
				// an issuer's token with its signature respelled would verify, a token of its own to the edge's cache
				throw new ExternalTokenRejectedException("signature", "The access token's signature is invalid.");
			}
			requireNoKeyInHeader(jwt.getHeader());
			String claimed = jwt.getJWTClaimsSet().getIssuer();
			issuer = (claimed != null) ? this.byId.get(claimed) : null;
		}
		catch (ParseException | IllegalArgumentException ex) {
			return Mono.error(new ExternalTokenRejectedException("malformed", "The access token is not a signed JWT."));
		}
		catch (ExternalTokenRejectedException ex) {
			return Mono.error(ex);
		}
		if (issuer == null) {
			return Mono.error(new ExternalTokenRejectedException("issuer",
					"The access token was issued by someone else."));
		}
		return issuer.verify(jwt);
	}

	/**
	 * As the edge admits a caller: {@link #verify(String)}, then, for an issuer that requires it, the active
	 * directory principal of that provider and username, whose id, role and type replace the token's.
	 */
	public Mono<ExternalToken> admit(String token) {
		return verify(token).flatMap((verified) -> {
			TrustedIssuer issuer = this.byId.get(verified.issuer());
			if (issuer == null || !issuer.settings().requirePrincipal()) {
				return Mono.just(verified);
			}
			return this.directory.findByLogin(verified.login())
				.filter(Principal::isActive)
				.map((principal) -> mapped(verified, principal))
				.switchIfEmpty(Mono.error(() -> new ExternalTokenRejectedException("principal",
						"The access token's user is not an active user of this platform.")))
				.onErrorMap(DirectoryUnavailableException.class,
						(ex) -> new IssuerUnavailableException("The user directory is unavailable; retry shortly."));
		});
	}

	/**
	 * Whether a token verified earlier still stands: its issuer's keys are the same version and not stale. The edge
	 * asks this on every hit of its verified-token cache for an external token; false sends the token through
	 * {@link #admit(String)} again.
	 */
	public boolean stillVerifies(ExternalToken token, Instant now) {
		TrustedIssuer issuer = this.byId.get(token.issuer());
		return issuer != null && issuer.stillVerifies(token.keysGeneration(), now.toEpochMilli());
	}

	private ExternalToken mapped(ExternalToken verified, Principal principal) {
		// a disabled or removed principal's tokens must end at the edge as its own tokens do: watch it
		this.recipients.issuedTo(principal.id());
		return new ExternalToken(verified.issuer(), verified.subject(), principal.login(), principal.role().value(),
				principal.type().value(), verified.tokenId(), verified.issuedAt(), verified.expiresAt(), principal.id(),
				verified.keysGeneration());
	}

	/** Nothing of a key may come from the token: such a token is refused outright, not merely ignored. */
	private static void requireNoKeyInHeader(JWSHeader header) {
		if (header.getJWKURL() != null || header.getJWK() != null || header.getX509CertURL() != null
				|| header.getX509CertChain() != null || header.getCriticalParams() != null) {
			throw new ExternalTokenRejectedException("header",
					"The access token header has parameters the gateway does not accept.");
		}
	}

	/** For the log: which issuers, by id. */
	@Override
	public String toString() {
		return "TrustedIssuers" + this.byId.keySet();
	}

}
