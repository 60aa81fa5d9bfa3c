package eu.seta.gateway.edge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import eu.seta.gateway.revocation.RevocationList;
import eu.seta.gateway.keys.KeySet;
import eu.seta.gateway.keys.SigningKey;
import eu.seta.gateway.testing.MutableClock;
import eu.seta.gateway.testing.TestJwts;
import eu.seta.gateway.testing.TestSigningKeys;
import eu.seta.gateway.token.TokenIssuer;
import eu.seta.gateway.token.TokenProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import eu.seta.gateway.crypto.CryptoProperties;
import eu.seta.gateway.crypto.CryptoProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccessTokenDecoderTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicReference<KeySet> keys = new AtomicReference<>(keySet(TestSigningKeys.KEY));

	private final TokenProperties tokens = new TokenProperties(URI.create("http://localhost:8080"), List.of("seta-api"),
			Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(30), Duration.ZERO, Duration.ofHours(24));

	private final AccessTokenDecoder decoder = new AccessTokenDecoder(this.keys::get, TokenIssuer.of(this.tokens),
			this.tokens,
			new EdgeProperties("X-Seta-", List.of(), Duration.ofSeconds(30), 4096, 16384, 100,
					new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)), Duration.ofSeconds(30)),
			this.clock, this.meters, new RevocationList(Duration.ofMinutes(61).toMillis(), 1000));

	@Test
	void withTrustedIssuersAnOwnTokenIsDecidedByTheOwnChecksAloneAndAnyOtherIsHandedOver() {
		AccessTokenDecoder withIssuers = new AccessTokenDecoder(this.keys::get, TokenIssuer.of(this.tokens), this.tokens,
				new EdgeProperties("X-Seta-", List.of(), Duration.ofSeconds(30), 4096, 16384, 100,
						new EdgeProperties.Cors(List.of(), false, Duration.ofMinutes(30)), Duration.ofSeconds(30)),
				this.clock, this.meters, new RevocationList(Duration.ofMinutes(61).toMillis(), 1000),
				eu.seta.gateway.issuers.TestTrustedIssuers.unreachable(this.clock));
		String own = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant()));
		assertThat(withIssuers.verify(own).userId()).isEqualTo("u-alice");
		assertThat(withIssuers.verify(own).isExternal()).isFalse();
		// a wrong own token is still refused by the own checks: its header is the gateway's
		String expired = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant().minusSeconds(7200)));
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> withIssuers.verify(expired))
			.withMessage("The access token has expired.");
		String foreign = TestJwts.rs256(TestJwts.header("RS256", "someone-elses"),
				TestJwts.claims(this.clock.instant()), TestJwts.privateKey());
		assertThat(withIssuers.verify(foreign)).isSameAs(AccessTokenDecoder.EXTERNAL);
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(foreign))
			.withMessage("The access token was not signed by a key of this gateway.");
	}

	@Test
	void aReusedTokenIsVerifiedOnceAndCountedAsACacheHit() {
		String token = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant()));
		Caller first = this.decoder.verify(token);
		Caller second = this.decoder.verify(token);
		assertThat(second).isSameAs(first);
		assertThat(first.userId()).isEqualTo("u-alice");
		assertThat(this.meters.get("cache.gets").tag("cache", "seta.bearer.verified").tag("result", "hit").functionCounter()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("cache.gets").tag("cache", "seta.bearer.verified").tag("result", "miss").functionCounter()
			.count()).isEqualTo(1);
	}

	@Test
	void aCachedTokenDoesNotOutliveItsExpiry() {
		String token = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant()));
		this.decoder.verify(token);
		this.clock.advance(Duration.ofSeconds(3600 + 30));
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(token))
			.withMessage("The access token has expired.");
	}

	@Test
	void aCachedTokenOfARetiredKeyIsRefused() throws Exception {
		String token = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant()));
		this.decoder.verify(token);
		this.keys.set(keySet(new RSAKeyGenerator(2048).keyID("next").generate()));
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(token))
			.withMessage("The access token was not signed by a key of this gateway.");
	}

	@Test
	void aCachedTokenOfAKeyReplacedUnderTheSameKidIsRefused() throws Exception {
		String token = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant()));
		this.decoder.verify(token);
		this.keys.set(keySet(new RSAKeyGenerator(2048).keyID(TestSigningKeys.KID).generate()));
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(token))
			.withMessage("The access token's signature is invalid.");
	}

	@Test
	void anExpiryBeyondTheCalendarIsMalformedNotAnError() {
		Instant now = this.clock.instant();
		String token = TestJwts.gatewaySigned(TestJwts.claims(now, "http://localhost:8080", "seta-api",
				Long.MAX_VALUE / 2, now.getEpochSecond()));
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(token))
			.withMessage("The access token has a malformed time claim.");
	}

	/** The skew lets a token through a little after its exp, never one whose exp is not after its iat. */
	@Test
	void aTokenThatExpiresBeforeOrWhenItWasIssuedIsMalformed() {
		Instant now = this.clock.instant();
		long exp = now.getEpochSecond() + 600;
		for (Instant issued : List.of(now.plusSeconds(700), now.plusSeconds(600))) {
			String token = TestJwts.gatewaySigned(
					TestJwts.claims(issued, "http://localhost:8080", "seta-api", exp, now.getEpochSecond()));
			assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(token))
				.withMessage("The access token expires before it was issued.");
		}
		String token = TestJwts.gatewaySigned(
				TestJwts.claims(now.plusSeconds(599), "http://localhost:8080", "seta-api", exp, now.getEpochSecond()));
		assertThat(this.decoder.verify(token).userId()).isEqualTo("u-alice");
	}

	/** Three parts make the shape of a signed JWT, an empty header among them: that header is then what is wrong. */
	@Test
	void anEmptyHeaderIsNotValidJsonWhileTwoDotsOrFourAreNoSignedJwt() {
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(".e30.c2ln"))
			.withMessage("The access token's header is not valid JSON.");
		for (String token : List.of("e30.e30", "e30.e30.c2ln.c2ln", "e30.e30.")) {
			assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(token))
				.withMessage("The access token is not a signed JWT.");
		}
	}

	/**
	 * A JWS has no base64 padding: the valid token with '=' appended (token68 allows it) is another string that the
	 * base64url decoder would read as the same signature, and is refused.
	 */
	@Test
	void aSignedTokenWithBase64PaddingAppendedIsRefused() {
		String token = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant()));
		assertThat(this.decoder.verify(token).userId()).isEqualTo("u-alice");
		for (String padding : List.of("=", "==")) {
			assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(token + padding))
				.as(padding)
				.withMessage("The access token is not a signed JWT.");
		}
	}

	/**
	 * A signature has one spelling. Base64url decoders are lenient (nimbus' skips letters outside the alphabet and
	 * ignores the unused bits of the last letter): a token respelled so is refused, or one token holder could send
	 * endless strings that each verify as a new token, a signature check and a cache entry each.
	 */
	@Test
	void aSignatureSpelledAnotherWayIsRefused() {
		String token = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant()));
		assertThat(this.decoder.verify(token).userId()).isEqualTo("u-alice");
		int dot = token.lastIndexOf('.') + 1;
		String signingInput = token.substring(0, dot);
		String signature = token.substring(dot);
		// RSA-2048: 256 bytes in 342 letters, the last of which carries 2 bits and 4 unused ones
		assertThat(signature).hasSize(342);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = signature.charAt(signature.length() - 1);
		char unusedBitSet = alphabet.charAt(alphabet.indexOf(last) ^ 1);
		List<String> respelled = List.of(signingInput + "~" + signature,
				signingInput + signature.substring(0, 100) + "~" + signature.substring(100),
				signingInput + signature.substring(0, signature.length() - 1) + unusedBitSet);
		for (String other : respelled) {
			assertThat(Arrays.equals(Base64URL.from(other.substring(dot)).decode(),
					Base64URL.from(signature).decode()))
				.as("the decoder reads it as the same signature: %s", other)
				.isTrue();
			assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify(other))
				.as(other)
				.withMessage("The access token's signature is invalid.");
		}
	}

	/** Characters outside RFC 6750's token68 are refused before any part of the token is decoded. */
	@Test
	void aTokenWithCharactersOutsideToken68IsAMalformedHeader() {
		String token = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant()));
		for (String suffix : List.of("!", "\u0080", "\u00e9", "=a", "==.")) {
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.decoder.verify(token + suffix))
				.as(suffix)
				.isInstanceOf(BearerRefusal.class)
				.hasMessage(BearerTokenExtractor.MALFORMED_HEADER);
		}
	}

	/**
	 * Header garbage of the kinds bench/exhaust.sh sends (token68 letters outside base64url, a length no base64 text
	 * has, an object cut short or followed by more) gets the answer it got when the decoder and the parser refused it
	 * themselves; a value that is no object still gets its own.
	 */
	@Test
	void headerGarbageIsRefusedAsNotValidJsonBeforeAnyDecoderSeesIt() {
		String claims = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant())).split("\\.", 3)[1];
		for (String header : List.of("eyJ+", "ey~J", "eyJ/YWxnIjoiUlMyNTYifQ", "eyJhbGciOiJSUzI1NiJ9x", "eyJhbGciOiJSUzI1NiI",
				"eyJhbGciOiJSUzI1NiJ9eA", "ICAg")) {
			assertThatExceptionOfType(RejectedTokenException.class)
				.isThrownBy(() -> this.decoder.verify(header + "." + claims + ".c2ln"))
				.as(header)
				.withMessage("The access token's header is not valid JSON.")
				.satisfies((refusal) -> assertThat(refusal.reason()).isEqualTo("malformed"));
		}
		// [1] and 1: JSON, but no object
		for (String header : List.of("WzFd", "MQ")) {
			assertThatExceptionOfType(RejectedTokenException.class)
				.isThrownBy(() -> this.decoder.verify(header + "." + claims + ".c2ln"))
				.as(header)
				.withMessage("The access token's header is not a JSON object.");
		}
	}

	@Test
	void base64UrlAndBracesAreJudgedByTheirLettersLengthAndEnds() {
		assertThat(List.of("eyJ9", "e30", "eyJhbGciOiJSUzI1NiJ9", "-_09", "ab")).allMatch(AccessTokenDecoder::isBase64Url);
		assertThat(List.of("", "a", "abcde", "ab+c", "ab/c", "ab~c", "ab.c", "ab=c", "ab==")).noneMatch(
				AccessTokenDecoder::isBase64Url);
		assertThat(List.of("{}", " {\"a\":1}\r\n", "\t{ }", "[1]", "1", "\"{\"")).allMatch(
				(json) -> AccessTokenDecoder.isBraced(json.getBytes(StandardCharsets.UTF_8)));
		assertThat(List.of("", "  ", "{", " { ", "{\"a\":1", "{\"a\":1}x", "{}]")).noneMatch(
				(json) -> AccessTokenDecoder.isBraced(json.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void refusalsAreCountedByReason() {
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify("not-a-jwt"));
		assertThatExceptionOfType(RejectedTokenException.class)
			.isThrownBy(() -> this.decoder.verify("x".repeat(5000)))
			// the extractor's classification: a malformed request, not an invalid token (docs/edge.md, step 1)
			.satisfies((tooLong) -> assertThat(tooLong.status()).isEqualTo(HttpStatus.BAD_REQUEST))
			.satisfies((tooLong) -> assertThat(tooLong.errorCode()).isEqualTo("invalid_request"));
		// found by AccessTokenFuzzTests: a token that is not token68 was refused, but never counted
		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.verify("eyJ.%yJ.x"));
		assertThat(this.meters.get("seta.bearer.rejected").tag("reason", "malformed").counter().count()).isEqualTo(2);
		assertThat(this.meters.get("seta.bearer.rejected").tag("reason", "too_large").counter().count()).isEqualTo(1);
	}

	private static KeySet keySet(RSAKey key) {
		try {
			return KeySet.of(new SigningKey(key.getKeyID(), JWSAlgorithm.RS256, key, new RSASSASigner(key)),
					List.of(key.toPublicJWK()), CryptoProvider.select(CryptoProperties.Choice.AUTO));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
