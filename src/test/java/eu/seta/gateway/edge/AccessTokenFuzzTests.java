package eu.seta.gateway.edge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.crypto.CryptoProvider;
import eu.seta.gateway.keys.KeySet;
import eu.seta.gateway.keys.SigningKey;
import eu.seta.gateway.revocation.RevocationList;
import eu.seta.gateway.testing.Fuzzing;
import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.token.TokenIssuer;
import eu.seta.gateway.token.TokenProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access-token decoder on tokens whose header and claims the fuzzer writes and the test signs with the
 * gateway's own key, so that the fuzzer gets past the signature to the checks behind it. Input: the header's JSON on
 * the first line, the claims' JSON after it; or {@code raw:} and a whole token, which the test does not sign (it may
 * be anything, tampered signatures included). The key set publishes the Ed25519 signing key and a retired RSA key,
 * so that algorithm confusion between the two is within reach.
 * <p>
 * Contract: a refusal is a {@link RejectedTokenException}, 401 {@code invalid_token} (400 {@code invalid_request}
 * for an overlong token), never another exception; a token is accepted only when its header is exactly {@code alg},
 * {@code kid}, {@code typ} naming a published key with that key's algorithm, its signature verifies (checked again
 * by nimbus' own JWT parser) and its claims are those of a current access token of this gateway, checked here
 * independently; and the caller built from it is the token's subject.
 */
class AccessTokenFuzzTests {

	static final Instant NOW = Instant.ofEpochSecond(1795860000L); // 2026-11-28T10:00:00Z, as in the seeds

	private static final String ISSUER = "http://localhost:8080";

	private static final Duration SKEW = Duration.ofSeconds(30);

	private static final int MAX_TOKEN_LENGTH = 4096;

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final JsonMapper LENIENT = JsonMapper.builder().build();

	private static final OctetKeyPair SIGNING = generateEd25519("fuzz-ed25519");

	private static final RSAKey RETIRED = generateRsa("fuzz-rsa-retired");

	private static final Ed25519Signer SIGNER = signer();

	private static final JWSHeader SIGNER_HEADER = new JWSHeader(JWSAlgorithm.EdDSA);

	private final AccessTokenDecoder decoder = decoder();

	@FuzzTest(maxDuration = "10m")
	void signedToken(byte[] input) throws Exception {
		String text = Fuzzing.text(input);
		String token = text.startsWith("raw:") ? text.substring(4) : sign(text);
		Fuzzing.Outcome<Caller> outcome = Fuzzing.run(() -> this.decoder.verify(token)).withinBoundsFor(input.length);
		if (!outcome.accepted()) {
			RejectedTokenException refusal = outcome.refusedWith(RejectedTokenException.class);
			boolean tooLong = refusal.status() == HttpStatus.BAD_REQUEST && "invalid_request".equals(refusal.errorCode());
			boolean invalid = refusal.status() == HttpStatus.UNAUTHORIZED && "invalid_token".equals(refusal.errorCode());
			assertThat(tooLong || invalid).as("status and code of %s", refusal).isTrue();
			assertThat(tooLong).isEqualTo(token.length() > MAX_TOKEN_LENGTH);
			return;
		}
		assertThat(token.length()).isLessThanOrEqualTo(MAX_TOKEN_LENGTH);
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.verify(new Ed25519Verifier(SIGNING.toPublicJWK()))).as("nimbus verifies the signature").isTrue();
		String[] parts = token.split("\\.", -1);
		assertThat(parts).hasSize(3);
		Map<?, ?> header = LENIENT.readValue(Base64.getUrlDecoder().decode(parts[0]), Map.class);
		assertThat(Set.of("alg", "kid", "typ")).containsAll(header.keySet().stream().map(String::valueOf).toList());
		assertThat(header.get("alg")).isEqualTo("EdDSA");
		assertThat(header.get("kid")).isEqualTo(SIGNING.getKeyID());
		assertThat(String.valueOf(header.get("typ")).toLowerCase(Locale.ROOT)).isIn("at+jwt", "application/at+jwt");
		Map<?, ?> claims = LENIENT.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
		assertThat(claims.get("type")).isEqualTo("access");
		assertThat(claims.get("iss")).isEqualTo(ISSUER);
		Object audience = claims.get("aud");
		assertThat((audience instanceof List<?> list) ? list : List.of(String.valueOf(audience))).contains("seta-api");
		assertThat(claims.get("sub")).isInstanceOf(String.class).isEqualTo(outcome.value().userId());
		assertThat(outcome.value().userId()).isNotEmpty();
		long exp = ((Number) claims.get("exp")).longValue();
		assertThat(NOW).isBefore(Instant.ofEpochSecond(exp).plus(SKEW));
		if (claims.get("iat") instanceof Number iat) {
			assertThat(exp).isGreaterThan(iat.longValue());
		}
		if (claims.containsKey("nbf")) {
			assertThat(claims.get("nbf")).isInstanceOf(Number.class);
			assertThat(NOW.plus(SKEW)).isAfterOrEqualTo(Instant.ofEpochSecond(((Number) claims.get("nbf")).longValue()));
		}
	}

	/** The first line is the header's JSON, the rest the claims'; each base64url-encoded as it is, then signed. */
	private static String sign(String text) throws Exception {
		int newline = text.indexOf('\n');
		String header = (newline < 0) ? text : text.substring(0, newline);
		String claims = (newline < 0) ? "" : text.substring(newline + 1);
		String input = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		Base64URL signature = SIGNER.sign(SIGNER_HEADER, input.getBytes(StandardCharsets.US_ASCII));
		return input + "." + signature;
	}

	private static AccessTokenDecoder decoder() {
		TokenProperties tokens = new TokenProperties(URI.create(ISSUER), List.of("seta-api"), Duration.ofHours(1),
				Duration.ofHours(24), Duration.ofDays(30), Duration.ZERO, Duration.ofHours(24));
		EdgeProperties edge = new EdgeProperties("X-Seta-", List.of(), SKEW, MAX_TOKEN_LENGTH, 16384, 1000,
				new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)), Duration.ofSeconds(30));
		KeySet keys = KeySet.of(new SigningKey(SIGNING.getKeyID(), JWSAlgorithm.EdDSA, SIGNING, SIGNER),
				List.of(SIGNING.toPublicJWK(), RETIRED.toPublicJWK()), CryptoProvider.jdk());
		return new AccessTokenDecoder(() -> keys, TokenIssuer.of(tokens), tokens, edge, new MutableClock(NOW),
				new SimpleMeterRegistry(), new RevocationList(Duration.ofMinutes(61).toMillis(), 1000));
	}

	private static Ed25519Signer signer() {
		try {
			return new Ed25519Signer(SIGNING);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OctetKeyPair generateEd25519(String kid) {
		try {
			return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generateRsa(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
