package eu.seta.gateway.issuers;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWKSecurityContext;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import eu.seta.gateway.directory.PrincipalType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One trusted issuer at work: nimbus' {@link DefaultJWTProcessor} with a {@link JWSVerificationKeySelector} over
 * the allowed algorithms and the issuer's last keys (handed in per token as a {@link JWKSecurityContext}, so that a
 * token is checked against one set, never a key from its own header), and a {@link DefaultJWTClaimsVerifier} for
 * {@code iss}, {@code aud}, {@code sub}, {@code exp} and {@code nbf} with the edge's skew on the injected clock.
 * <p>
 * A token whose kid is not among the keys, or whose signature fails with the key under its kid (an issuer that
 * replaced a key in place), waits for the issuer's rate-limited refetch and is tried once more if the keys changed.
 */
final class TrustedIssuer {

	private static final Set<JOSEObjectType> TOKEN_TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
			new JOSEObjectType("application/at+jwt"));

	private final TrustedIssuersProperties.Issuer settings;

	private final IssuerKeys keys;

	private final Set<JWSAlgorithm> algorithms;

	private final DefaultJWTProcessor<JWKSecurityContext> processor = new DefaultJWTProcessor<>();

	private final ClaimMapping mapping;

	private final Clock clock;

	TrustedIssuer(TrustedIssuersProperties.Issuer settings, IssuerKeys keys, Clock clock, Duration skew) {
		this.settings = settings;
		this.keys = keys;
		this.clock = clock;
		this.algorithms = settings.jwsAlgorithms();
		this.mapping = new ClaimMapping(settings);
		// typ is optional for an issuer's access tokens; when present it must say JWT (RFC 7519) or at+jwt (RFC 9068)
		List<JOSEObjectType> types = new ArrayList<>(TOKEN_TYPES);
		types.add(null);
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(types.toArray(new JOSEObjectType[0])));
		this.processor.setJWSKeySelector(new JWSVerificationKeySelector<>(this.algorithms, new JWKSecurityContextJWKSet()));
		DefaultJWTClaimsVerifier<JWKSecurityContext> claims = new DefaultJWTClaimsVerifier<>(
				Set.copyOf(settings.audiences()), new JWTClaimsSet.Builder().issuer(settings.id()).build(),
				Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION_TIME), null) {

			@Override
			protected Date currentTime() {
				return Date.from(TrustedIssuer.this.clock.instant());
			}

		};
		claims.setMaxClockSkew((int) skew.toSeconds());
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	TrustedIssuersProperties.Issuer settings() {
		return this.settings;
	}

	IssuerKeys keys() {
		return this.keys;
	}

	/** Whether a token verified with these keys still stands on them: the same key set, not stale. */
	boolean stillVerifies(long keysGeneration, long nowMillis) {
		IssuerKeys.Snapshot snapshot = this.keys.current();
		return this.keys.isFresh(snapshot, nowMillis) && snapshot.generation() == keysGeneration;
	}

	/** The verified, mapped token; errors are {@link ExternalTokenRejectedException} or {@link IssuerUnavailableException}. */
	Mono<ExternalToken> verify(SignedJWT jwt) {
		if (!this.algorithms.contains(jwt.getHeader().getAlgorithm())) {
			return Mono.error(new ExternalTokenRejectedException("algorithm",
					"The access token's algorithm is not accepted for its issuer."));
		}
		IssuerKeys.Snapshot snapshot = this.keys.current();
		if (!this.keys.isFresh(snapshot, this.clock.millis())) {
			return this.keys.refetch().then(Mono.fromCallable(() -> {
				IssuerKeys.Snapshot refetched = this.keys.current();
				if (!this.keys.isFresh(refetched, this.clock.millis())) {
					throw new IssuerUnavailableException("The access token's issuer cannot be reached; retry shortly.");
				}
				return verifyWith(jwt, refetched, true);
			}));
		}
		ExternalToken verified;
		try {
			verified = verifyWith(jwt, snapshot, false);
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		if (verified != null) {
			return Mono.just(verified);
		}
		// its key may be new: wait for the one refetch the rate allows, and try again only if the keys changed
		return this.keys.refetch().then(Mono.fromCallable(() -> {
			IssuerKeys.Snapshot refetched = this.keys.current();
			if (refetched == snapshot || refetched == null || refetched.generation() == snapshot.generation()) {
				throw unknownKey();
			}
			return verifyWith(jwt, refetched, true);
		}));
	}

	/** @return null when the keys may be out of date (no key under the kid, or a failed signature) and may be refetched */
	private @Nullable ExternalToken verifyWith(SignedJWT jwt, IssuerKeys.Snapshot snapshot, boolean lastTry) {
		String kid = jwt.getHeader().getKeyID();
		if (kid != null && snapshot.keys().getKeyByKeyId(kid) == null) {
			if (lastTry) {
				throw unknownKey();
			}
			return null;
		}
		JWTClaimsSet claims;
		try {
			claims = this.processor.process(jwt, new JWKSecurityContext(snapshot.keys().getKeys()));
		}
		catch (BadJWSException ex) {
			if (lastTry) {
				throw new ExternalTokenRejectedException("signature", "The access token's signature is invalid.");
			}
			return null;
		}
		catch (ExpiredJWTException ex) {
			throw new ExternalTokenRejectedException("expired", "The access token has expired.");
		}
		catch (BadJWTException ex) {
			throw new ExternalTokenRejectedException("claims",
					"The access token is not valid for this platform (issuer, audience, subject or validity).");
		}
		catch (BadJOSEException ex) {
			throw new ExternalTokenRejectedException("key",
					"The access token's type, algorithm or key is not accepted for its issuer.");
		}
		catch (JOSEException ex) {
			throw new ExternalTokenRejectedException("signature", "The access token's signature is invalid.");
		}
		if (claims.getSubject() == null || claims.getSubject().isBlank()) {
			// present (the verifier requires it) but not a usable string
			throw new ExternalTokenRejectedException("claims",
					"The access token is not valid for this platform (issuer, audience, subject or validity).");
		}
		Date issuedAt = claims.getIssueTime();
		return new ExternalToken(this.settings.id(), claims.getSubject(), this.mapping.login(claims),
				this.mapping.role(claims).value(), PrincipalType.USER.value(),
				(claims.getJWTID() != null) ? claims.getJWTID() : "",
				(issuedAt != null) ? issuedAt.toInstant().getEpochSecond() : Long.MIN_VALUE,
				claims.getExpirationTime().toInstant(), null, snapshot.generation());
	}

	private static ExternalTokenRejectedException unknownKey() {
		return new ExternalTokenRejectedException("kid", "The access token was not signed by a key of its issuer.");
	}

}
