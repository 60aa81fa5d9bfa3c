package eu.seta.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import eu.seta.gateway.issuers.ExternalToken;
import eu.seta.gateway.issuers.ExternalTokenRejectedException;
import eu.seta.gateway.issuers.IssuerUnavailableException;
import eu.seta.gateway.issuers.TrustedIssuers;
import eu.seta.gateway.keys.KeySet;
import eu.seta.gateway.keys.SigningKeys;
import eu.seta.gateway.revocation.RevocationList;
import eu.seta.gateway.support.Base64Url;
import eu.seta.gateway.support.Caches;
import eu.seta.gateway.support.ClockTicker;
import eu.seta.gateway.support.TaggedCounters;
import eu.seta.gateway.token.TokenIssuer;
import eu.seta.gateway.token.TokenProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates access tokens against the gateway's own key set, in process. What a token must be, checked in this
 * order so that the cheap refusals come first and nothing unauthenticated reaches a claim parser:
 * <ol>
 * <li>at most {@code max-token-length} characters (the extractor refuses longer ones first), three dot-separated
 * parts (an encrypted JWT has five);</li>
 * <li>a header of exactly {@code alg}, {@code kid}, {@code typ}: {@code jku}, {@code x5u}, {@code jwk},
 * {@code x5c}, {@code crit} and the rest are refused, so no key is ever fetched or taken from the token;</li>
 * <li>{@code typ} {@code at+jwt} (RFC 9068), {@code kid} naming a published key, and {@code alg} equal to that
 * key's own algorithm: never {@code none}, never HMAC, never what the header alone says (RFC 8725);</li>
 * <li>a valid signature; then claims without duplicate names or deep nesting, {@code type: access}, our
 * {@code iss}, one of our audiences, {@code exp} in the future and after {@code iat}, {@code nbf} in the past
 * (with the skew).</li>
 * </ol>
 * A verified token is remembered until it expires, with the {@link Caller} built from it, so a client reusing its
 * token pays for neither the signature nor the claims again. The cache is keyed by the token itself and compares it
 * whole: a hash of it would cost more than the lookup on every call, and the heap that holds the cache holds the
 * signing keys too. The few distinct headers the gateway's keys produce are parsed once each.
 * <p>
 * Every answer, from the cache or fresh, is checked against the {@link RevocationList} last: a revoked session or
 * principal is refused like any other invalid token, however recently its token was verified. That check is two
 * map reads; it is what keeps the cache from outliving a logout.
 * <p>
 * With trusted external issuers configured, a token that is not the gateway's own by its header (another
 * {@code typ}, a kid no key of the gateway has) is not refused here: {@link #verify(String)} answers
 * {@link #EXTERNAL}, and the caller asks {@link #verifyExternal(String)}, which may have to wait for the issuer's keys
 * and so answers later. An own token never reaches that path, and without trusted issuers the path does not exist:
 * the checks above are all there is. A verified external token is remembered in the same cache, and a hit stands
 * only while its issuer's keys are the same version and not stale.
 */
final class AccessTokenDecoder {

	private static final Logger log = LoggerFactory.getLogger(AccessTokenDecoder.class);

	static final String REVOKED_MESSAGE = "The access token is not valid.";

	/** The answer for a token that is not the gateway's own while trusted issuers are configured: ask them. */
	static final Caller EXTERNAL = new Caller("", "", "", "", "", "", "", Long.MIN_VALUE, "external");

	/** Stands in the cache for the key of an external token: never the verifier of any kid of the gateway's. */
	private static final KeySet.Verifier NOT_OWN = new KeySet.Verifier(JWSAlgorithm.RS256, new NeverVerifies());

	private static final Set<String> HEADER_NAMES = Set.of("alg", "kid", "typ");

	private static final Set<String> TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");

	/** Claims are flat but for seta_id; real tokens never nest deeper than 2, attackers do. */
	private static final JsonMapper STRICT = JsonMapper
		.builder(JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
			.build())
		.build();

	private final SigningKeys keys;

	private final TokenIssuer issuer;

	private final List<String> audiences;

	private final Duration skew;

	private final int maxTokenLength;

	private final Clock clock;

	private final Cache<String, VerifiedToken> verified;

	/** Parsed and checked headers by their encoded text; a token with one seen before skips its JSON parse. */
	private final Cache<String, TokenHeader> headers = Caches.newBuilder().maximumSize(256).build();

	private final TaggedCounters rejections;

	private final RevocationList revocations;

	/** Null without trusted issuers: then no token ever leaves the checks of the gateway's own. */
	private final @Nullable TrustedIssuers external;

	/** How long a mapped principal's external token is remembered: as long as the directory watch looks after it. */
	private final Duration mappedPrincipalLimit;

	AccessTokenDecoder(SigningKeys keys, TokenIssuer issuer, TokenProperties tokens, EdgeProperties edge, Clock clock,
			MeterRegistry meters, RevocationList revocations) {
		this(keys, issuer, tokens, edge, clock, meters, revocations, null);
	}

	AccessTokenDecoder(SigningKeys keys, TokenIssuer issuer, TokenProperties tokens, EdgeProperties edge, Clock clock,
			MeterRegistry meters, RevocationList revocations, @Nullable TrustedIssuers trustedIssuers) {
		this.keys = keys;
		this.external = (trustedIssuers != null && !trustedIssuers.isEmpty()) ? trustedIssuers : null;
		this.mappedPrincipalLimit = tokens.accessTokenTtl();
		this.revocations = revocations;
		this.issuer = issuer;
		this.audiences = List.copyOf(tokens.audience());
		this.skew = edge.clockSkew();
		this.maxTokenLength = edge.maxTokenLength();
		this.clock = clock;
		this.rejections = new TaggedCounters(meters, "seta.bearer.rejected", "reason",
				"Bearer tokens refused at the edge, by reason");
		this.verified = Caches.newBuilder()
			.maximumSize(edge.verifiedTokenCacheSize())
			.ticker(ClockTicker.of(clock))
			// a cached verification never outlives the token's own expiry
			.expireAfter(Expiry.writing((String key, VerifiedToken token) -> ClockTicker.remaining(clock,
					token.validUntil())))
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(meters, this.verified, "seta.bearer.verified");
	}

	/**
	 * What a verified token leaves behind: its caller, the very verifier that checked it (a key replaced under the
	 * same kid gets a new one), and when it stops being valid.
	 */
	record VerifiedToken(Caller caller, String kid, KeySet.Verifier verifier, Instant validUntil,
			@Nullable ExternalToken external) {
	}

	/**
	 * A header that passed the checks that need no key: its names, its type, a kid and an alg. The JOSE header the
	 * signature check needs is made on first use: only once the alg matched a published key is it a valid one.
	 */
	static final class TokenHeader {

		private final String kid;

		private final String alg;

		private final String encoded;

		private final Map<String, Object> json;

		private volatile @Nullable JWSHeader jws;

		TokenHeader(String kid, String alg, String encoded, Map<String, Object> json) {
			this.kid = kid;
			this.alg = alg;
			this.encoded = encoded;
			this.json = json;
		}

		String kid() {
			return this.kid;
		}

		String alg() {
			return this.alg;
		}

		JWSHeader jws() throws java.text.ParseException {
			JWSHeader parsed = this.jws;
			if (parsed == null) {
				// racing threads may both parse: same result, no harm
				parsed = JWSHeader.parse(this.json, new Base64URL(this.encoded));
				this.jws = parsed;
			}
			return parsed;
		}

	}

	/**
	 * @return the caller the token speaks for, or {@link #EXTERNAL} when trusted issuers are configured and the token
	 * is not the gateway's own (then {@link #verifyExternal(String)} decides)
	 * @throws RejectedTokenException when the token is not a valid access token of this gateway (counted by reason)
	 */
	Caller verify(String token) {
		try {
			return verifyNow(token);
		}
		catch (RejectedTokenException ex) {
			count(ex);
			throw ex;
		}
	}

	/**
	 * A caller {@link #verify(String)} admitted moments ago for the same request, before its exchange existed
	 * ({@link TokenVerifiedBeforeExchange}): only the revocation check runs again, as on a cache hit.
	 */
	Caller stillAdmitted(Caller caller) {
		try {
			return notRevoked(caller);
		}
		catch (RejectedTokenException ex) {
			count(ex);
			throw ex;
		}
	}

	void count(RejectedTokenException refusal) {
		this.rejections.increment(refusal.reason());
		log.debug("Bearer token refused: {}", refusal.reason());
	}

	private Caller verifyNow(String token) {
		if (token.length() > this.maxTokenLength) {
			throw BearerTokenExtractor.tooLong();
		}
		Instant now = this.clock.instant();
		VerifiedToken cached = this.verified.getIfPresent(token);
		KeySet keySet = this.keys.current();
		if (cached != null && now.isBefore(cached.validUntil())) {
			if (keySet.verifier(cached.kid()) == cached.verifier()) {
				return notRevoked(cached.caller());
			}
			// only ever reached by an external token: an own one's verifier is the one its kid has, or it is gone
			ExternalToken external = cached.external();
			if (external != null && this.external != null && this.external.stillVerifies(external, now)) {
				return notRevoked(cached.caller());
			}
		}
		BearerTokenExtractor.requireToken68(token);
		VerifiedToken fresh = verify(token, keySet, now);
		if (fresh == null) {
			return EXTERNAL;
		}
		this.verified.put(token, fresh);
		return notRevoked(fresh.caller());
	}

	/**
	 * A token {@link #verify(String)} answered {@link #EXTERNAL} for, verified by the issuer it names: later, when
	 * that issuer's keys must be fetched first. Fails with a counted {@link RejectedTokenException}, or an
	 * {@link IssuerUnavailableException} (503) when the issuer's keys are stale or the directory does not answer.
	 */
	Mono<Caller> verifyExternal(String token) {
		TrustedIssuers issuers = this.external;
		if (issuers == null) {
			return Mono.error(reject("kid", "The access token was not signed by a key of this gateway."));
		}
		return issuers.admit(token).map((external) -> {
			Caller caller = Caller.of(external);
			Instant validUntil = withSkew(external.expiresAt());
			if (external.principalId() != null) {
				// the directory watch notices a disabled principal only while it watches: remember no longer
				validUntil = min(validUntil, this.clock.instant().plus(this.mappedPrincipalLimit));
			}
			this.verified.put(token, new VerifiedToken(caller, "", NOT_OWN, validUntil, external));
			return notRevoked(caller);
		})
			.onErrorMap(ExternalTokenRejectedException.class, (ex) -> reject(ex.reason(), ex.getMessage()))
			.doOnError(RejectedTokenException.class, this::count);
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	/** The message is the generic one: a client learns that its token is no good, not that it was revoked. */
	private Caller notRevoked(Caller caller) {
		if (this.revocations.refuses(caller.userId(), caller.sessionId(), caller.issuedAt())) {
			throw reject("revoked", REVOKED_MESSAGE);
		}
		return caller;
	}

	/** Null for a token that is not the gateway's own while trusted issuers may know it. */
	private @Nullable VerifiedToken verify(String token, KeySet keySet, Instant now) {
		int firstDot = token.indexOf('.');
		int secondDot = (firstDot < 0) ? -1 : token.indexOf('.', firstDot + 1);
		// RFC 7515 base64url has no padding: token68 allows a trailing '=', a JWS never has one, and the decoder would
		// otherwise ignore it, so that two different strings would verify as the same token
		if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0 || secondDot == token.length() - 1
				|| token.charAt(token.length() - 1) == '=') {
			throw reject("malformed", "The access token is not a signed JWT.");
		}
		String encodedHeader = token.substring(0, firstDot);
		TokenHeader header;
		try {
			header = header(encodedHeader);
		}
		catch (RejectedTokenException notOwn) {
			if (this.external != null) {
				return null;
			}
			throw notOwn;
		}
		KeySet.Verifier key = keySet.verifier(header.kid());
		if (key == null) {
			if (this.external != null) {
				return null;
			}
			throw reject("kid", "The access token was not signed by a key of this gateway.");
		}
		if (!key.algorithm().getName().equals(header.alg())) {
			throw reject("algorithm", "The access token's algorithm does not match its key.");
		}
		verifySignature(token, secondDot, header, key);
		Map<?, ?> claims = json(token.substring(firstDot + 1, secondDot), "claims");
		Instant validUntil = checkClaims(claims, now);
		return new VerifiedToken(Caller.of(claims), header.kid(), key, validUntil, null);
	}

	private TokenHeader header(String encoded) {
		TokenHeader known = this.headers.getIfPresent(encoded);
		if (known != null) {
			return known;
		}
		Map<?, ?> header = json(encoded, "header");
		if (!HEADER_NAMES.containsAll(header.keySet())) {
			throw reject("header", "The access token header has parameters the gateway does not accept.");
		}
		String kid = string(header, "kid", "header");
		String alg = string(header, "alg", "header");
		String typ = string(header, "typ", "header");
		if (!TOKEN_TYPES.contains(typ.toLowerCase(Locale.ROOT))) {
			throw reject("type", "The token is not an access token.");
		}
		@SuppressWarnings("unchecked")
		TokenHeader parsed = new TokenHeader(kid, alg, encoded, (Map<String, Object>) header);
		this.headers.put(encoded, parsed);
		return parsed;
	}

	private static void verifySignature(String token, int secondDot, TokenHeader header, KeySet.Verifier key) {
		try {
			String encoded = token.substring(secondDot + 1);
			byte[] signingInput = token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
			// each other spelling of one signature would verify as a token of its own: a signature check and a cache
			// entry each, and no longer one string per token
			if (!Base64Url.isCanonical(encoded)
					|| !key.verifier().verify(header.jws(), signingInput, new CanonicalSignature(encoded))) {
				throw reject("signature", "The access token's signature is invalid.");
			}
		}
		catch (JOSEException | java.text.ParseException | IllegalArgumentException ex) {
			throw reject("signature", "The access token's signature is invalid.");
		}
	}

	/** @return until when the token is valid: its {@code exp} plus the skew */
	private Instant checkClaims(Map<?, ?> claims, Instant now) {
		if (!"access".equals(claims.get("type"))) {
			throw reject("type", "The token is not an access token.");
		}
		if (!this.issuer.id().equals(claims.get("iss"))) {
			throw reject("issuer", "The access token was issued by someone else.");
		}
		Object audience = claims.get("aud");
		List<?> audienceList = (audience instanceof List<?> list) ? list : List.of(String.valueOf(audience));
		if (audienceList.stream().noneMatch(this.audiences::contains)) {
			throw reject("audience", "The access token is not meant for this platform.");
		}
		if (!(claims.get("sub") instanceof String subject) || subject.isEmpty()) {
			throw reject("malformed", "The access token has no subject.");
		}
		Object exp = claims.get("exp");
		if (!(exp instanceof Number)) {
			throw reject("malformed", "The access token has no expiry.");
		}
		Instant expiresAt = instant(exp);
		Instant validUntil = withSkew(expiresAt);
		if (!now.isBefore(validUntil)) {
			throw reject("expired", "The access token has expired.");
		}
		// a token that expires before it was issued was never valid, whatever the skew lets through
		Object iat = claims.get("iat");
		if (iat != null && !expiresAt.isAfter(instant(iat))) {
			throw reject("malformed", "The access token expires before it was issued.");
		}
		Object nbf = claims.get("nbf");
		if (nbf != null && (!(nbf instanceof Number) || now.plus(this.skew).isBefore(instant(nbf)))) {
			throw reject("not_yet_valid", "The access token is not valid yet.");
		}
		return validUntil;
	}

	/**
	 * The time plus the skew, at most {@link Instant#MAX}: a signed {@code exp} within the skew of the end of time
	 * would otherwise overflow into a 500. Such a token passes, as any token far from expiry does.
	 */
	private Instant withSkew(Instant time) {
		return time.isAfter(Instant.MAX.minus(this.skew)) ? Instant.MAX : time.plus(this.skew);
	}

	/**
	 * Garbage is refused before the base64 decoder or the JSON parser sees it where a look at its length and letters
	 * or its braces tells: both would refuse it with an exception whose stack trace costs more than the rest of the
	 * refusal (bench/exhaust.sh sends a hundred thousand such tokens a minute).
	 */
	private static Map<?, ?> json(String base64url, String part) {
		if (!isBase64Url(base64url)) {
			throw reject("malformed", "The access token's " + part + " is not valid JSON.");
		}
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(base64url);
			if (!isBraced(bytes)) {
				throw reject("malformed", "The access token's " + part + " is not valid JSON.");
			}
			Object value = STRICT.readValue(bytes, Object.class);
			if (!(value instanceof Map<?, ?> map)) {
				throw reject("malformed", "The access token's " + part + " is not a JSON object.");
			}
			return map;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw reject("malformed", "The access token's " + part + " is not valid JSON.");
		}
	}

	/** Unpadded base64url (RFC 7515) of at least one letter. */
	static boolean isBase64Url(String text) {
		return !text.isEmpty() && Base64Url.isUnpadded(text);
	}

	/**
	 * Whether the bytes, JSON whitespace aside, start with '{' and end with '}'. Not that they are an object: a value
	 * that is none of one fails here or in the parser, with the same answer either way.
	 */
	static boolean isBraced(byte[] json) {
		int first = 0;
		int last = json.length - 1;
		while (first <= last && isJsonWhitespace(json[first])) {
			first++;
		}
		while (last > first && isJsonWhitespace(json[last])) {
			last--;
		}
		if (first > last) {
			return false;
		}
		return json[first] != '{' || (last > first && json[last] == '}');
	}

	private static boolean isJsonWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r';
	}

	private static String string(Map<?, ?> map, String name, String part) {
		if (!(map.get(name) instanceof String value) || value.isEmpty()) {
			throw reject("header", "The access token " + part + " lacks '" + name + "'.");
		}
		return value;
	}

	private static Instant instant(@Nullable Object seconds) {
		if (!(seconds instanceof Number number)) {
			throw reject("malformed", "The access token has a malformed time claim.");
		}
		try {
			return Instant.ofEpochSecond(number.longValue());
		}
		catch (java.time.DateTimeException ex) {
			throw reject("malformed", "The access token has a malformed time claim.");
		}
	}

	private static RejectedTokenException reject(String reason, String message) {
		return new RejectedTokenException(reason, message);
	}

	/** Verifies nothing: the key of the {@link #NOT_OWN} stand-in, which no signature ever reaches. */
	private static final class NeverVerifies implements JWSVerifier {

		private final JCAContext context = new JCAContext();

		@Override
		public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
			return false;
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			return Set.of();
		}

		@Override
		public JCAContext getJCAContext() {
			return this.context;
		}

	}

}
