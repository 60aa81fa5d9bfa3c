package eu.seta.gateway.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import eu.seta.gateway.directory.Principal;
import eu.seta.gateway.directory.PrincipalType;
import eu.seta.gateway.keys.SigningKey;
import eu.seta.gateway.revocation.TokenRecipients;
import eu.seta.gateway.keys.SigningKeys;
import eu.seta.gateway.crypto.CryptoWorkers;
import eu.seta.gateway.support.Randomness;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Signs access tokens: JWTs with {@code typ: at+jwt} (RFC 9068) and the claims SeTA's backends read. The same
 * claims come out of {@code /token} and of a refresh ({@code fresh} aside), unlike SeTA, which dropped
 * {@code user_type} on refresh.
 */
@Component
class AccessTokenIssuer {

	static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final SigningKeys keys;

	private final TokenProperties properties;

	private final TokenIssuer issuer;

	private final CryptoWorkers workers;

	private final TokenRecipients recipients;

	/** The header of the active key's tokens, encoded once: it is the same for every token of that key. */
	private volatile @Nullable EncodedHeader header;

	AccessTokenIssuer(SigningKeys keys, TokenProperties properties, TokenIssuer issuer, CryptoWorkers workers,
			TokenRecipients recipients) {
		this.keys = keys;
		this.recipients = recipients;
		this.properties = properties;
		this.issuer = issuer;
		this.workers = workers;
	}

	record AccessToken(String value, Duration lifetime) {

		@Override
		public String toString() {
			return "AccessToken[lifetime=" + this.lifetime + "]";
		}

	}

	/**
	 * @param sessionId the refresh session the token belongs to ({@code sid}): what a revocation of that session
	 * names at the edge
	 */
	Mono<AccessToken> issue(Principal principal, String sessionId, boolean fresh, Instant now) {
		SigningKey key = this.keys.current().active();
		JWTClaimsSet claims = claims(principal, sessionId, fresh, now.truncatedTo(ChronoUnit.SECONDS));
		// from now on a token of this principal may be out there: a change in the directory must reach it
		this.recipients.issuedTo(principal.id());
		return Mono.fromCallable(() -> sign(key, claims)).subscribeOn(this.workers.scheduler());
	}

	private JWTClaimsSet claims(Principal principal, String sessionId, boolean fresh, Instant issuedAt) {
		Map<String, Object> setaId = new LinkedHashMap<>();
		setaId.put("user_id", principal.id());
		setaId.put("provider", principal.login().provider());
		setaId.put("provider_uid", principal.login().username());
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer.id())
			.audience(this.properties.audience())
			.subject(principal.id())
			// RFC 9068: the client the token was issued to; here the principal itself logged in
			.claim("client_id", principal.id())
			// opaque: derived from the session id inside the refresh token, never the token or its hash
			.claim("sid", sessionId)
			.claim("seta_id", setaId)
			.claim("role", principal.role().value())
			.claim("user_type", principal.type().value())
			.claim("fresh", fresh)
			.claim("type", "access")
			.jwtID(Randomness.uuid().toString())
			.issueTime(Date.from(issuedAt))
			.notBeforeTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(this.properties.accessTokenTtl())));
		if (principal.type() == PrincipalType.APPLICATION) {
			// applications act for their owner; backends authorise on the owner's permissions
			claims.claim("owner", principal.owner());
		}
		return claims.build();
	}

	/**
	 * What nimbus' {@code SignedJWT} makes of the same header and claims, composed here: nimbus serializes the header
	 * for every token and encodes both parts with its own base64 codec, a loop written for secrets (it takes the
	 * same time whatever the bytes). Nothing here is secret: the header is encoded once per key, the JDK's intrinsic
	 * encoder encodes the claims nimbus serialized, and the signer is nimbus'. Half the composing cost of a token
	 * (6.3 µs against 3.2 µs in JMH, the signature aside).
	 */
	private AccessToken sign(SigningKey key, JWTClaimsSet claims) throws JOSEException {
		EncodedHeader header = headerOf(key);
		String signingInput = header.encoded() + '.' + BASE64URL.encodeToString(claims.toPayload().toBytes());
		Base64URL signature = key.signer().sign(header.header(), signingInput.getBytes(StandardCharsets.US_ASCII));
		return new AccessToken(signingInput + '.' + signature, this.properties.accessTokenTtl());
	}

	private EncodedHeader headerOf(SigningKey key) {
		EncodedHeader current = this.header;
		if (current == null || current.key() != key) {
			// a rotation: two threads may both encode the new key's header, and either result is the same
			current = EncodedHeader.of(key);
			this.header = current;
		}
		return current;
	}

	private record EncodedHeader(SigningKey key, JWSHeader header, String encoded) {

		static EncodedHeader of(SigningKey key) {
			JWSHeader header = new JWSHeader.Builder(key.algorithm()).keyID(key.kid()).type(AT_JWT).build();
			return new EncodedHeader(key, header, header.toBase64URL().toString());
		}

	}

}
