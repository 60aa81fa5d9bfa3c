package eu.seta.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TestJwts;
import eu.seta.gateway.testing.TestSigningKeys;
import eu.seta.gateway.testing.TokenPair;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per attack on the bearer check of a protected route. Each asserts the status, the body, the RFC 6750
 * challenge where there is one, and that the backend saw nothing.
 */
class BearerAttackTests extends GatewayIntegrationTest {

	@Autowired
	private MeterRegistry meters;

	private static final String PROTECTED = "/seta-search/api/v1/corpus";

	@Test
	void missingToken() {
		expectRefused(this.client.get().uri(PROTECTED).exchange(), "A valid access token is required.");
	}

	@Test
	void bearerWithoutToken() {
		expectInvalidToken(call("Bearer"), "The Authorization header must be 'Bearer <token>'.");
	}

	@Test
	void tamperedSignature() {
		String token = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		char last = token.charAt(token.length() - 5);
		String tampered = token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
		expectInvalidToken(bearer(tampered), "The access token's signature is invalid.");
	}

	@Test
	void tamperedClaims() {
		String token = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		String[] parts = token.split("\\.");
		String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"role\":\"User\"", "\"role\":\"Administrator\"");
		expectInvalidToken(bearer(parts[0] + "." + TestJwts.encode(claims) + "." + parts[2]),
				"The access token's signature is invalid.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void algNoneInAnyCase(String alg) {
		String claims = TestJwts.claims(this.clock.instant());
		expectInvalidToken(bearer(TestJwts.unsigned(TestJwts.header(alg, TestSigningKeys.KID), claims)),
				"The access token is not a signed JWT.");
		// and with a signature part present, so that only the algorithm is wrong
		String withSignature = TestJwts.unsigned(TestJwts.header(alg, TestSigningKeys.KID), claims) + "c2ln";
		expectInvalidToken(bearer(withSignature), "The access token's algorithm does not match its key.");
	}

	@Test
	void hs256SignedWithThePublicKey() throws Exception {
		String claims = TestJwts.claims(this.clock.instant());
		byte[] publicKey = TestSigningKeys.KEY.toPublicKey().getEncoded();
		for (byte[] secret : new byte[][] { publicKey, TestSigningKeys.KEY.toPublicJWK().toJSONString().getBytes(),
				TestKeysPem.of(TestSigningKeys.KEY).getBytes(StandardCharsets.US_ASCII) }) {
			expectInvalidToken(bearer(TestJwts.hs256(TestJwts.header("HS256", TestSigningKeys.KID), claims, secret)),
					"The access token's algorithm does not match its key.");
		}
	}

	@Test
	void unknownKid() {
		String claims = TestJwts.claims(this.clock.instant());
		expectInvalidToken(bearer(TestJwts.rs256(TestJwts.header("RS256", "another-key"), claims, TestJwts.privateKey())),
				"The access token was not signed by a key of this gateway.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../../../etc/passwd", "..\\\\test-rsa", "test-rsa/../test-rsa", "/dev/null",
			"test-rsa.json", "test-rsa\\u0000" })
	void kidPathTraversal(String kid) {
		String claims = TestJwts.claims(this.clock.instant());
		expectInvalidToken(bearer(TestJwts.rs256(TestJwts.header("RS256", kid), claims, TestJwts.privateKey())),
				"The access token was not signed by a key of this gateway.");
	}

	@Test
	void embeddedJwkOfTheAttacker() throws Exception {
		RSAKey attacker = new RSAKeyGenerator(2048).keyID(TestSigningKeys.KID).generate();
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + TestSigningKeys.KID + "\",\"typ\":\"at+jwt\",\"jwk\":"
				+ attacker.toPublicJWK().toJSONString() + "}";
		expectInvalidToken(
				bearer(TestJwts.rs256(header, TestJwts.claims(this.clock.instant()), attacker.toPrivateKey())),
				"The access token header has parameters the gateway does not accept.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jku", "x5u" })
	void remoteKeyUrlIsNeverFetched(String parameter) throws Exception {
		RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
		BACKEND.stubFor(WireMock.get("/keys.json")
			.willReturn(aResponse().withBody("{\"keys\":[" + attacker.toPublicJWK().toJSONString() + "]}")));
		String header = "{\"alg\":\"RS256\",\"kid\":\"attacker\",\"typ\":\"at+jwt\",\"" + parameter + "\":\""
				+ BACKEND.baseUrl() + "/keys.json\"}";
		expectInvalidToken(
				bearer(TestJwts.rs256(header, TestJwts.claims(this.clock.instant()), attacker.toPrivateKey())),
				"The access token header has parameters the gateway does not accept.");
	}

	@Test
	void critHeader() {
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + TestSigningKeys.KID
				+ "\",\"typ\":\"at+jwt\",\"crit\":[\"exp\"]}";
		expectInvalidToken(bearer(TestJwts.rs256(header, TestJwts.claims(this.clock.instant()), TestJwts.privateKey())),
				"The access token header has parameters the gateway does not accept.");
	}

	@Test
	void encryptedToken() {
		String jwe = TestJwts.encode("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"test-rsa\"}")
				+ ".a2V5.aXY.Y2lwaGVy.dGFn";
		expectInvalidToken(bearer(jwe), "The access token is not a signed JWT.");
	}

	@Test
	void expiredAtTheSkewBoundary() {
		Instant now = this.clock.instant();
		long exp = now.getEpochSecond() + 60;
		String token = TestJwts.gatewaySigned(TestJwts.claims(now, "http://localhost:8080", "seta-api", exp,
				now.getEpochSecond()));
		this.clock.set(Instant.ofEpochSecond(exp).plusSeconds(29));
		bearer(token).expectStatus().isOk();
		BACKEND.resetRequests();
		this.clock.set(Instant.ofEpochSecond(exp).plusSeconds(30));
		expectInvalidToken(bearer(token), "The access token has expired.");
	}

	@Test
	void notYetValidAtTheSkewBoundary() {
		Instant now = this.clock.instant();
		long nbf = now.getEpochSecond() + 31;
		String token = TestJwts.gatewaySigned(TestJwts.claims(now, "http://localhost:8080", "seta-api",
				nbf + 3600, nbf));
		expectInvalidToken(bearer(token), "The access token is not valid yet.");
		String almost = TestJwts.gatewaySigned(TestJwts.claims(now, "http://localhost:8080", "seta-api",
				nbf + 3600, nbf - 1));
		bearer(almost).expectStatus().isOk();
	}

	@Test
	void noExpiry() {
		String claims = TestJwts.claims(this.clock.instant()).replaceAll(",\"exp\":\\d+", "");
		assertThat(claims).doesNotContain("exp");
		expectInvalidToken(bearer(TestJwts.gatewaySigned(claims)), "The access token has no expiry.");
	}

	@Test
	void wrongIssuer() {
		Instant now = this.clock.instant();
		String token = TestJwts.gatewaySigned(TestJwts.claims(now, "https://evil.example", "seta-api",
				now.getEpochSecond() + 60, now.getEpochSecond()));
		expectInvalidToken(bearer(token), "The access token was issued by someone else.");
	}

	@Test
	void wrongAudience() {
		Instant now = this.clock.instant();
		String token = TestJwts.gatewaySigned(TestJwts.claims(now, "http://localhost:8080", "another-api",
				now.getEpochSecond() + 60, now.getEpochSecond()));
		expectInvalidToken(bearer(token), "The access token is not meant for this platform.");
	}

	@Test
	void refreshTokenAsBearer() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		expectInvalidToken(bearer(pair.refreshToken()), "The access token is not a signed JWT.");
	}

	@Test
	void arbitraryJwtSignedByAnotherIssuer() throws Exception {
		RSAKey other = new RSAKeyGenerator(2048).keyID("idp-key").generate();
		String header = "{\"alg\":\"RS256\",\"kid\":\"idp-key\",\"typ\":\"JWT\"}";
		expectInvalidToken(bearer(TestJwts.rs256(header, TestJwts.claims(this.clock.instant()), other.toPrivateKey())),
				"The token is not an access token.");
	}

	@Test
	void ownKeyButNotAnAccessToken() {
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + TestSigningKeys.KID + "\",\"typ\":\"JWT\"}";
		expectInvalidToken(bearer(TestJwts.rs256(header, TestJwts.claims(this.clock.instant()), TestJwts.privateKey())),
				"The token is not an access token.");
		String refreshTyped = TestJwts.claims(this.clock.instant()).replace("\"type\":\"access\"", "\"type\":\"refresh\"");
		expectInvalidToken(bearer(TestJwts.gatewaySigned(refreshTyped)), "The token is not an access token.");
	}

	@Test
	void duplicateClaims() {
		String claims = TestJwts.claims(this.clock.instant())
			.replace("\"sub\":\"u-alice\"", "\"sub\":\"u-alice\",\"sub\":\"u-admin\"");
		expectInvalidToken(bearer(TestJwts.gatewaySigned(claims)), "The access token's claims is not valid JSON.");
		String header = "{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"" + TestSigningKeys.KID + "\",\"typ\":\"at+jwt\"}";
		expectInvalidToken(bearer(TestJwts.rs256(header, TestJwts.claims(this.clock.instant()), TestJwts.privateKey())),
				"The access token's header is not valid JSON.");
	}

	/** Claims nest at most 8 levels deep: the claim set is level 1, so 7 arrays inside it pass and 8 do not. */
	@Test
	void claimsNestedBeyondTheLimitAreRefusedBelowTheLengthLimit() {
		String atLimit = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant())
			.replace("\"fresh\":true", "\"fresh\":" + "[".repeat(7) + "]".repeat(7)));
		String beyond = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant())
			.replace("\"fresh\":true", "\"fresh\":" + "[".repeat(8) + "]".repeat(8)));
		String farBeyond = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant())
			.replace("\"fresh\":true", "\"fresh\":" + "[".repeat(1000) + "]".repeat(1000)));
		assertThat(List.of(atLimit, beyond, farBeyond)).allSatisfy((token) -> assertThat(token).hasSizeLessThan(4096));
		bearer(atLimit).expectStatus().isOk();
		BACKEND.resetRequests();
		expectInvalidToken(bearer(beyond), "The access token's claims is not valid JSON.");
		expectInvalidToken(bearer(farBeyond), "The access token's claims is not valid JSON.");
	}

	/** The length check comes first: a token too long is refused unread, whatever it holds. */
	@Test
	void deeplyNestedTokenOverTheLengthLimitIsRefusedUnread() {
		String token = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant())
			.replace("\"fresh\":true", "\"fresh\":" + "[".repeat(1500) + "]".repeat(1500)));
		assertThat(token).hasSizeGreaterThan(4096);
		expectTooLong(bearer(token));
	}

	@Test
	void oversizedTokenIsRefusedAndCountedAsTooLarge() {
		String huge = TestJwts.gatewaySigned(TestJwts.claims(this.clock.instant())
			.replace("\"fresh\":true", "\"fresh\":\"" + "x".repeat(5000) + "\""));
		double before = rejected("too_large");
		expectTooLong(bearer(huge));
		// an operator watching seta.bearer.rejected sees this attack too, although the decoder never reads the token
		assertThat(rejected("too_large")).isEqualTo(before + 1);
	}

	private double rejected(String reason) {
		Counter counter = this.meters.find("seta.bearer.rejected").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void tokenOfExactlyTheMaximumLengthIsReadAndOneMoreIsNot() {
		String claims = TestJwts.claims(this.clock.instant());
		String token = TestJwts.gatewaySigned(claims);
		String padded = TestJwts.gatewaySigned(
				claims.replace("\"fresh\":true", "\"fresh\":\"" + "x".repeat(3 * (4096 - token.length()) / 4 - 6) + "\""));
		String exact = padded + "A".repeat(4096 - padded.length());
		// as long as allowed: read, and refused for its (now broken) signature, not for its length
		expectInvalidToken(bearer(exact), "The access token's signature is invalid.");
		expectTooLong(bearer(exact + "A"));
	}

	@Test
	void oversizedHeaders() {
		String token = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		this.client.get()
			.uri(PROTECTED)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Padding", "p".repeat(20_000))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
			.expectBody()
			.json("{\"error\":\"invalid_request\",\"message\":\"The request headers are too large.\"}", true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void tokenInHeaderAndQuery() {
		String token = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		this.client.get()
			.uri(PROTECTED + "?access_token=" + token)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer .*error=\"invalid_request\".*")
			.expectBody()
			.json("{\"error\":\"invalid_request\",\"message\":\"Send the access token in the Authorization header, not in the URL.\"}",
					true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void twoAuthorizationHeaders() {
		String token = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		this.client.get()
			.uri(PROTECTED)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request");
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	/**
	 * docs/edge.md: paths with {@code ..}, encoded dots or slashes, {@code //}, {@code ;}, a backslash, NUL or
	 * double encoding are refused with 400 before routing; case variants match no route and get 404. None of them
	 * reaches a backend with the protected route's path.
	 */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ' ', value = { "/seta-search/../seta-search/api/v1/corpus 400",
			"/seta-ui/../seta-search/api/v1/corpus 400", "/seta-ui/%2e%2e/seta-search/api/v1/corpus 400",
			"/seta-ui/%2E%2E/seta-search/api/v1/corpus 400", "/seta-ui%2f..%2fseta-search/api/v1/corpus 400",
			"/seta-ui/..%2fseta-search/api/v1/corpus 400", "//seta-search/api/v1/corpus 400",
			"/seta-ui//../seta-search/api/v1/corpus 400", "/seta-ui/;/../seta-search/api/v1/corpus 400",
			"/seta-ui;x=1/../seta-search/api/v1/corpus 400", "/seta-ui/%00/../seta-search/api/v1/corpus 400",
			"/seta-ui%00/../seta-search/api/v1/corpus 400", "/seta-ui/%252e%252e/seta-search/api/v1/corpus 400",
			"/seta-ui%5C..%5Cseta-search/api/v1/corpus 400", "/seta-ui/%5C../seta-search/api/v1/corpus 400",
			"/SETA-SEARCH/api/v1/corpus 404", "/Seta-Search/api/v1/corpus 404" })
	void pathTricksGetTheDocumentedAnswerAndReachNoBackend(String path, int status) {
		var result = this.client.get()
			.uri(java.net.URI.create("http://localhost:" + this.port + path))
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getStatus().value()).as(path).isEqualTo(status);
		assertThat(result.getResponseBody()).as(path)
			.isEqualTo((status == 400)
					? "{\"error\":\"invalid_request\",\"message\":\"The request path or headers are not acceptable.\"}"
					: "{\"error\":\"not_found\",\"message\":\"No such resource.\"}");
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	private WebTestClient.ResponseSpec call(String authorization) {
		return this.client.get().uri(PROTECTED).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

	private WebTestClient.ResponseSpec bearer(String token) {
		return call("Bearer " + token);
	}

	private void expectInvalidToken(WebTestClient.ResponseSpec response, String description) {
		response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"seta\", error=\"invalid_token\", error_description=\"" + description + "\"")
			.expectBody()
			.json("{\"error\":\"invalid_token\",\"message\":\"" + description.replace("\"", "\\\"") + "\"}", true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	/** RFC 6750 section 3.1: a malformed request, not an invalid token. */
	private void expectTooLong(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"seta\", error=\"invalid_request\", error_description=\"The access token is too long.\"")
			.expectBody()
			.json("{\"error\":\"invalid_request\",\"message\":\"The access token is too long.\"}", true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	private void expectRefused(WebTestClient.ResponseSpec response, String message) {
		response.expectStatus()
			.isUnauthorized()
			.expectBody()
			.json("{\"error\":\"invalid_token\",\"message\":\"" + message + "\"}", true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	/** The PEM text of the public key: what an algorithm-confusion attack feeds to HMAC. */
	static final class TestKeysPem {

		static String of(RSAKey key) throws Exception {
			return eu.seta.gateway.testing.TestKeys.pem(key.toPublicKey());
		}

	}

}
