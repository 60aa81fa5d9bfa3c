package eu.seta.gateway.issuers;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.TestIssuer;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway trusting a real OpenID Connect provider (mock-oauth2-server) under three issuer ids: {@code ecas} (role
 * mapping), {@code directory} (require-principal) and {@code strict} (ES256 only); {@code elsewhere} is the same
 * server, not trusted. Every attack gets 401 {@code invalid_token} with the JSON body and reaches no backend.
 */
class TrustedIssuerTests extends GatewayIntegrationTest {

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	private static final String AUDIENCE = "seta-console";

	private static volatile Clock tokenClock = Clock.systemUTC();

	private static final TestIssuer ISSUER = TestIssuer.start(() -> tokenClock);

	@DynamicPropertySource
	static void trustedIssuers(DynamicPropertyRegistry registry) {
		String issuers = "seta.edge.trusted-issuers";
		registry.add(issuers + "[0].issuer", () -> ISSUER.issuer("ecas"));
		registry.add(issuers + "[0].audiences[0]", () -> AUDIENCE);
		registry.add(issuers + "[0].provider", () -> "ecas");
		registry.add(issuers + "[0].role-claim", () -> "realm_access.roles");
		registry.add(issuers + "[0].role-mapping[seta-admin]", () -> "Administrator");
		registry.add(issuers + "[1].issuer", () -> ISSUER.issuer("directory"));
		registry.add(issuers + "[1].audiences[0]", () -> AUDIENCE);
		registry.add(issuers + "[1].provider", () -> "ecas");
		registry.add(issuers + "[1].require-principal", () -> "true");
		registry.add(issuers + "[2].issuer", () -> ISSUER.issuer("strict"));
		registry.add(issuers + "[2].audiences[0]", () -> AUDIENCE);
		registry.add(issuers + "[2].provider", () -> "keycloak");
		registry.add(issuers + "[2].algorithms[0]", () -> "ES256");
		registry.add(ROUTES + "[0].id", () -> "search");
		registry.add(ROUTES + "[0].uri", BACKEND::baseUrl);
		registry.add(ROUTES + "[0].predicates[0]", () -> "Path=/seta-search/**");
		registry.add(ROUTES + "[1].id", () -> "admin");
		registry.add(ROUTES + "[1].uri", BACKEND::baseUrl);
		registry.add(ROUTES + "[1].predicates[0]", () -> "Path=/seta-admin/**");
		registry.add(ROUTES + "[1].filters[0]", () -> "RequireRole=Administrator");
	}

	@AfterAll
	static void stopIssuer() {
		ISSUER.close();
	}

	@BeforeEach
	void issuerTokensAtTheGatewaysTime() {
		tokenClock = this.clock;
	}

	@Test
	void aValidTokenIsProxiedWithTheMappedIdentityAndItsIssuer() {
		String token = ISSUER.token("ecas", "n00eve", AUDIENCE,
				Map.of("preferred_username", "Eve", "realm_access", Map.of("roles", List.of("reader"))));
		search(token).header("X-Seta-Issuer", "https://forged.example").exchange().expectStatus().isOk();
		assertThat(identityHeaders(onlyRequest())).containsExactlyInAnyOrderEntriesOf(Map.of("X-Seta-User-Id",
				"n00eve", "X-Seta-Provider", "ecas", "X-Seta-Username", "eve", "X-Seta-Role", "User",
				"X-Seta-User-Type", "user", "X-Seta-Token-Id", Jwts.claims(token).get("jti").stringValue(),
				"X-Seta-Issuer", ISSUER.issuer("ecas")));
	}

	@Test
	void withoutTheUsernameClaimTheSubjectIsTheUsername() {
		search(ISSUER.token("ecas", "N00Frank", AUDIENCE, Map.of())).exchange().expectStatus().isOk();
		assertThat(onlyRequest().getHeader("X-Seta-Username")).isEqualTo("n00frank");
	}

	@Test
	void aMappedRoleMeetsARouteRequirementAndAnUnmappedOneDoesNot() {
		String admin = ISSUER.token("ecas", "n00ann", AUDIENCE,
				Map.of("realm_access", Map.of("roles", List.of("reader", "seta-admin"))));
		String reader = ISSUER.token("ecas", "n00rob", AUDIENCE,
				Map.of("realm_access", Map.of("roles", List.of("reader", "Administrator"))));
		call("/seta-admin/users", admin).exchange().expectStatus().isOk();
		assertThat(onlyRequest().getHeader("X-Seta-Role")).isEqualTo("Administrator");
		call("/seta-admin/users", reader).exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("insufficient_scope");
	}

	@Test
	void theGatewaysOwnTokensWorkAsBeforeAndCarryNoIssuerHeader() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		search(pair.accessToken()).exchange().expectStatus().isOk();
		assertThat(identityHeaders(onlyRequest())).containsEntry("X-Seta-User-Id", "u-alice")
			.doesNotContainKey("X-Seta-Issuer");
	}

	@Test
	void aTokenForAnotherAudienceIsRefused() {
		refused(ISSUER.token("ecas", "n00eve", "some-other-app", Map.of()));
	}

	@Test
	void aTokenOfAnIssuerNotTrustedIsRefused() {
		refused(ISSUER.token("elsewhere", "n00eve", AUDIENCE, Map.of()));
	}

	@Test
	void anAlgorithmTheIssuerIsNotAllowedIsRefused() {
		// the strict issuer accepts ES256 only; the server signs RS256
		refused(ISSUER.token("strict", "n00eve", AUDIENCE, Map.of()));
	}

	@Test
	void hs256SignedWithTheIssuersPublicKeyAsSecretIsRefused() throws Exception {
		RSAKey key = ISSUER.signingKey("ecas");
		JWTClaimsSet claims = ISSUER.claims("ecas", "n00eve", AUDIENCE).build();
		for (byte[] secret : List.of(key.toRSAPublicKey().getEncoded(),
				key.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
			SignedJWT forged = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			forged.sign(new MACSigner(secret));
			refused(forged.serialize());
		}
	}

	@Test
	void aKeyOfIssuerAOnATokenClaimingIssuerBIsRefused() {
		// both issuers are trusted; the token names B but is signed with A's key under A's kid
		String forged = TestIssuer.sign(ISSUER.signingKey("ecas"), TestIssuer.rs256("ecas").build(),
				ISSUER.claims("directory", "n00bob", AUDIENCE).claim("preferred_username", "bob.smith").build());
		refused(forged);
	}

	@Test
	void anExpiredTokenIsRefusedOnceTheSkewHasPassed() {
		String token = ISSUER.token("ecas", "n00eve", AUDIENCE, Map.of(), 60);
		this.clock.advance(Duration.ofSeconds(60 + 29));
		search(token).exchange().expectStatus().isOk();
		this.clock.advance(Duration.ofSeconds(2));
		refused(token);
	}

	@Test
	void aTokenNotValidYetIsRefused() {
		long inTwoMinutes = this.clock.instant().plusSeconds(120).getEpochSecond();
		refused(ISSUER.token("ecas", "n00eve", AUDIENCE, Map.of("nbf", inTwoMinutes)));
	}

	@Test
	void aKeyOrKeyLocationInTheHeaderIsRefusedEvenWhenTheSignatureIsGood() throws Exception {
		RSAKey key = ISSUER.signingKey("ecas");
		RSAKey attackers = new RSAKeyGenerator(2048).keyID("ecas").generate();
		JWTClaimsSet claims = ISSUER.claims("ecas", "n00eve", AUDIENCE).build();
		refused(TestIssuer.sign(key, TestIssuer.rs256("ecas").jwkURL(java.net.URI.create("https://evil.example/jwks"))
			.build(), claims));
		refused(TestIssuer.sign(attackers, TestIssuer.rs256("ecas").jwk(attackers.toPublicJWK()).build(), claims));
		refused(TestIssuer.sign(key, TestIssuer.rs256("ecas").x509CertURL(java.net.URI.create("https://evil.example/c"))
			.build(), claims));
		refused(TestIssuer.sign(key, TestIssuer.rs256("ecas").jwk(key.toPublicJWK()).build(), claims));
	}

	@Test
	void aTamperedTokenIsRefused() {
		String token = ISSUER.token("ecas", "n00eve", AUDIENCE, Map.of("preferred_username", "eve"));
		String[] parts = token.split("\\.");
		String claims = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(Jwts.claims(token).toString().replace("\"eve\"", "\"bob.smith\"").getBytes());
		refused(parts[0] + "." + claims + "." + parts[2]);
	}

	/**
	 * The gateway's own tokens got this check first (AccessTokenDecoderTests); an issuer's tokens, parsed by nimbus,
	 * verified in every other spelling of their signature, each a token of its own to the cache.
	 */
	@Test
	void aSignatureSpelledAnotherWayIsRefused() {
		String token = ISSUER.token("ecas", "n00eve", AUDIENCE, Map.of("preferred_username", "eve"));
		search(token).exchange().expectStatus().isOk();
		int dot = token.lastIndexOf('.') + 1;
		String signingInput = token.substring(0, dot);
		String signature = token.substring(dot);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = signature.charAt(signature.length() - 1);
		// RS256: 256 bytes in 342 letters, the last of which leaves 4 bits unused
		char unusedBitSet = alphabet.charAt(alphabet.indexOf(last) ^ 1);
		for (String respelled : List.of(signingInput + "~" + signature,
				signingInput + signature.substring(0, 40) + "~" + signature.substring(40),
				signingInput + signature.substring(0, signature.length() - 1) + unusedBitSet)) {
			assertThat(Base64URL.from(respelled.substring(dot)).decode()).as("nimbus reads it as the same signature")
				.isEqualTo(Base64URL.from(signature).decode());
			refused(respelled);
		}
	}

	@Test
	void oddShapesGet401NeverAServerError() {
		RSAKey key = ISSUER.signingKey("ecas");
		refused(TestIssuer.sign(key, TestIssuer.rs256("ecas").build(),
				ISSUER.claims("ecas", "n00eve", AUDIENCE).claim("iss", 42).build()));
		refused(TestIssuer.sign(key, TestIssuer.rs256("ecas").build(),
				ISSUER.claims("ecas", "n00eve", AUDIENCE).claim("sub", java.util.List.of("a")).build()));
		refused(TestIssuer.sign(key, TestIssuer.rs256("ecas").build(),
				new JWTClaimsSet.Builder().issuer(ISSUER.issuer("ecas")).audience(AUDIENCE).subject("n00eve").build()));
		refused("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.");
		refused("bm90IGpzb24.bm90IGpzb24.c2ln");
	}

	@Test
	void requirePrincipalMapsToTheActiveDirectoryPrincipal() {
		search(ISSUER.token("directory", "n00bob", AUDIENCE, Map.of("preferred_username", "Bob.Smith")))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(identityHeaders(onlyRequest())).containsEntry("X-Seta-User-Id", "u-bob")
			.containsEntry("X-Seta-Username", "bob.smith")
			.containsEntry("X-Seta-Role", "Administrator")
			.containsEntry("X-Seta-Issuer", ISSUER.issuer("directory"));
	}

	@Test
	void requirePrincipalRefusesADisabledOrUnknownPrincipal() {
		refused(ISSUER.token("directory", "n00mal", AUDIENCE, Map.of("preferred_username", "mallory")));
		refused(ISSUER.token("directory", "n00zed", AUDIENCE, Map.of("preferred_username", "nobody")));
	}

	@Test
	void revokingAMappedPrincipalEndsItsIssuerTokensIssuedBefore() {
		String before = ISSUER.token("directory", "n00bob", AUDIENCE, Map.of("preferred_username", "bob.smith"));
		search(before).exchange().expectStatus().isOk();
		TokenPair admin = login(BOB, BOB_KEY.getPrivate());
		this.client.delete()
			.uri("/authentication/v1/sessions?principal=u-bob")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.accessToken())
			.exchange()
			.expectStatus()
			.isOk();
		refused(before);
		this.clock.advance(Duration.ofSeconds(1));
		search(ISSUER.token("directory", "n00bob", AUDIENCE, Map.of("preferred_username", "bob.smith"))).exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aTokenExchangeGivesAPairThatRefreshesLikeAnyOther() {
		String external = ISSUER.token("ecas", "n00eve", AUDIENCE, Map.of("preferred_username", "eve"));
		TokenPair pair = exchange(external).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody(TokenPair.class)
			.returnResult()
			.getResponseBody();
		assertThat(pair).isNotNull();
		assertThat(Jwts.claims(pair.accessToken()).get("sub").stringValue()).isEqualTo("u-eve");
		search(pair.accessToken()).exchange().expectStatus().isOk();
		assertThat(identityHeaders(onlyRequest())).containsEntry("X-Seta-User-Id", "u-eve")
			.doesNotContainKey("X-Seta-Issuer");
		TokenPair next = refreshed(pair.refreshToken());
		BACKEND.resetRequests();
		search(next.accessToken()).exchange().expectStatus().isOk();
		refresh(pair.refreshToken()).expectStatus().isUnauthorized();
	}

	@Test
	void aTokenExchangeAnswersWithTheRfc8693Fields() {
		exchange(ISSUER.token("ecas", "n00eve", AUDIENCE, Map.of("preferred_username", "eve"))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.issued_token_type")
			.isEqualTo("urn:ietf:params:oauth:token-type:access_token")
			.jsonPath("$.token_type")
			.isEqualTo("Bearer")
			.jsonPath("$.refresh_token")
			.isNotEmpty();
	}

	@Test
	void anIssuerTokenIsExchangedOnce() {
		String external = ISSUER.token("ecas", "n00eve", AUDIENCE, Map.of("preferred_username", "eve"));
		exchange(external).expectStatus().isOk();
		exchangeRefused(external);
	}

	@Test
	void aTokenExchangeNeedsAnActivePrincipalAndAValidToken() {
		exchangeRefused(ISSUER.token("ecas", "n00mal", AUDIENCE, Map.of("preferred_username", "mallory")));
		exchangeRefused(ISSUER.token("ecas", "n00zed", AUDIENCE, Map.of("preferred_username", "nobody")));
		exchangeRefused(ISSUER.token("ecas", "n00eve", "some-other-app", Map.of("preferred_username", "eve")));
		exchangeRefused(ISSUER.token("elsewhere", "n00eve", AUDIENCE, Map.of("preferred_username", "eve")));
	}

	@Test
	void aTokenExchangeRefusesOtherGrantsAndTypes() {
		String external = ISSUER.token("ecas", "n00eve", AUDIENCE, Map.of("preferred_username", "eve"));
		form("grant_type=client_credentials").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unsupported_grant_type");
		form("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + external
				+ "&subject_token_type=urn:ietf:params:oauth:token-type:saml2").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.message")
			.value((String message) -> assertThat(message).startsWith("subject_token_type must be"));
		form("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + external
				+ "&subject_token=" + external + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("subject_token is given more than once.");
		// the token stays unexchanged by all of this
		exchange(external).expectStatus().isOk();
	}

	@Test
	void theMetadataNamesTheTokenExchangeGrant() {
		this.client.get()
			.uri("/.well-known/oauth-authorization-server")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.grant_types_supported")
			.value((List<String> grants) -> assertThat(grants)
				.containsExactly("refresh_token", "urn:ietf:params:oauth:grant-type:token-exchange"));
	}

	private void refused(String token) {
		BACKEND.resetRequests();
		search(token).exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).contains("error=\"invalid_token\""))
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_token")
			.jsonPath("$.message")
			.isNotEmpty();
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private WebTestClient.RequestHeadersSpec<?> search(String token) {
		return call("/seta-search/api/v1/corpus", token);
	}

	private WebTestClient.RequestHeadersSpec<?> call(String path, String token) {
		return this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
	}

	private WebTestClient.ResponseSpec exchange(String subjectToken) {
		return form("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + subjectToken
				+ "&subject_token_type=urn:ietf:params:oauth:token-type:access_token");
	}

	private void exchangeRefused(String subjectToken) {
		exchange(subjectToken).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_request")
			.jsonPath("$.message")
			.isEqualTo("The subject token is not accepted.");
	}

	private WebTestClient.ResponseSpec form(String body) {
		return this.client.post()
			.uri("/authentication/v1/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromValue(body))
			.exchange();
	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = BACKEND.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static Map<String, String> identityHeaders(LoggedRequest request) {
		Map<String, String> identity = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		request.getHeaders().all().forEach((header) -> {
			if (header.key().toLowerCase(java.util.Locale.ROOT).startsWith("x-seta-")) {
				assertThat(header.values()).as(header.key()).hasSize(1);
				identity.put(header.key(), header.firstValue());
			}
		});
		return identity;
	}

}
