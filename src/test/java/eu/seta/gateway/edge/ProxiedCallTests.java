package eu.seta.gateway.edge;

import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Jwts;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.APP;
import static eu.seta.gateway.testing.StandardPrincipals.APP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** What a backend behind the gateway sees of an authenticated call, and what a client sees of the edge. */
class ProxiedCallTests extends GatewayIntegrationTest {

	@BeforeEach
	void backendAnswers() {
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"documents\":[]}")));
	}

	@Test
	void corpusSearchGoesThroughWithATokenFromTheTokenApi() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.post()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("term", "climate", "n_docs", 10, "from_doc", 0))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"documents\":[]}");
		BACKEND.verify(postRequestedFor(urlEqualTo("/seta-search/api/v1/corpus"))
			.withRequestBody(equalToJson("{\"term\":\"climate\",\"n_docs\":10,\"from_doc\":0}")));
	}

	@Test
	void backendReceivesExactlyTheVerifiedIdentityAndNoSpoofedOne() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		String jti = Jwts.claims(pair.accessToken()).get("jti").stringValue();
		this.client.post()
			.uri(java.net.URI.create("http://localhost:" + this.port + "/seta-search/api/v1/corpus?lang=en&q=a%20b&q=c"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.header("X-Seta-User-Id", "u-admin")
			.header("x-seta-role", "Administrator")
			.header("X_Seta_Role", "Administrator")
			.header("X-SETA-IMPERSONATE", "u-bob")
			.header("x_seta_user_type", "application")
			.header("X-Request-Id", "r-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"term\":\"x\"}")
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest seen = onlyRequest();
		assertThat(seen.getUrl()).isEqualTo("/seta-search/api/v1/corpus?lang=en&q=a%20b&q=c");
		assertThat(seen.getBodyAsString()).isEqualTo("{\"term\":\"x\"}");
		Map<String, String> identity = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		seen.getHeaders().all().forEach((header) -> {
			String normalized = header.key().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
			if (normalized.startsWith("x-seta-")) {
				assertThat(header.values()).as(header.key()).hasSize(1);
				identity.put(header.key(), header.firstValue());
			}
		});
		assertThat(identity).containsExactlyInAnyOrderEntriesOf(Map.of("X-Seta-User-Id", "u-alice", "X-Seta-Provider",
				"github", "X-Seta-Username", "alice", "X-Seta-Role", "User", "X-Seta-User-Type", "user",
				"X-Seta-Token-Id", jti));
		assertThat(seen.getHeader("X-Request-Id")).isEqualTo("r-1");
		// forwarded by default, so that SeTA backends that still check tokens keep working
		assertThat(seen.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + pair.accessToken());
	}

	@Test
	void applicationCallsCarryTheirType() {
		TokenPair pair = login(APP, APP_KEY.getPrivate());
		this.client.get()
			.uri("/seta-nlp/api/v1/embeddings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(onlyRequest().getHeader("X-Seta-User-Type")).isEqualTo("application");
	}

	@Test
	void forwardingHeadersOfAnUntrustedClientAreReplaced() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.get()
			.uri("/seta-search/api/v1/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.header("X-Forwarded-For", "203.0.113.9")
			.header("X-Forwarded-Host", "evil.example")
			.header("Forwarded", "for=203.0.113.9;host=evil.example")
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest seen = onlyRequest();
		assertThat(seen.getHeader("X-Forwarded-For")).doesNotContain("203.0.113.9");
		assertThat(seen.getHeaders().getHeader("X-Forwarded-Host").values()).doesNotContain("evil.example");
		assertThat(seen.containsHeader("Forwarded") ? seen.getHeader("Forwarded") : "").doesNotContain("evil.example");
	}

	/** A public route has no caller to vouch for, so a client's identity headers must not pass for one there either. */
	@Test
	void identityHeadersAClientSendsAreRemovedOnAPublicRouteToo() {
		this.client.get()
			.uri("/seta-ui/index.html")
			.header("X-Seta-User-Id", "u-admin")
			.header("x-seta-role", "Administrator")
			.header("X_Seta_User_Type", "application")
			.header("X-SETA-IMPERSONATE", "u-bob")
			.header("X-Request-Id", "r-2")
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest seen = onlyRequest();
		seen.getHeaders().all().forEach((header) -> assertThat(
				header.key().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).as(header.key())
			.doesNotStartWith("x-seta-"));
		assertThat(seen.getHeader("X-Request-Id")).isEqualTo("r-2");
	}

	@Test
	void publicRouteNeedsNoToken() {
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		assertThat(onlyRequest().getUrl()).isEqualTo("/seta-ui/index.html");
		assertThat(onlyRequest().containsHeader("X-Seta-User-Id")).isFalse();
	}

	@Test
	void protectedRouteWithoutTokenIs401AndReachesNothing() {
		this.client.get()
			.uri("/seta-search/api/v1/corpus")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"seta\"")
			.expectBody()
			.json("{\"error\":\"invalid_token\",\"message\":\"A valid access token is required.\"}", true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void pathMatchingNoRouteIs404AsJson() {
		this.client.get()
			.uri("/nowhere/at/all")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.json("{\"error\":\"not_found\",\"message\":\"No such resource.\"}", true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void everyAnswerCarriesSecurityHeaders() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		for (var spec : new org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec[] {
				this.client.get()
					.uri("/seta-search/api/v1/x")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
					.exchange(),
				this.client.get().uri("/seta-search/api/v1/x").exchange(),
				this.client.get().uri("/.well-known/jwks.json").exchange(),
				this.client.get().uri("/nowhere").exchange() }) {
			spec.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.valueEquals("X-Frame-Options", "DENY");
		}
	}

	/** The gateway's security headers are defaults: a backend's own value of one wins, and arrives once. */
	@Test
	void aBackendsOwnSecurityHeaderWinsAndArrivesOnce() {
		BACKEND.stubFor(any(urlEqualTo("/seta-ui/embeddable.html")).willReturn(aResponse().withStatus(200)
			.withHeader("X-Frame-Options", "SAMEORIGIN")
			.withBody("<p>")));
		var result = this.client.get().uri("/seta-ui/embeddable.html").exchange().expectBody().returnResult();
		assertThat(result.getResponseHeaders().get("X-Frame-Options")).containsExactly("SAMEORIGIN");
		assertThat(result.getResponseHeaders().get("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(result.getResponseHeaders().get("Referrer-Policy")).containsExactly("no-referrer");
	}

	@Test
	void hstsIsNotSentOnAnUntrustedClaimOfTls() {
		this.client.get()
			.uri("/.well-known/jwks.json")
			.header("X-Forwarded-Proto", "https")
			.exchange()
			.expectHeader()
			.doesNotExist("Strict-Transport-Security");
	}

	@Test
	void corsIsOffByDefault() {
		this.client.options()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void backendDownIs502AsJson() {
		BACKEND.stubFor(post(urlEqualTo("/seta-search/api/v1/broken"))
			.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.post()
			.uri("/seta-search/api/v1/broken")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("bad_gateway");
	}

	private static LoggedRequest onlyRequest() {
		var requests = BACKEND.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
