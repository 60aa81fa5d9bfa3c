package eu.seta.gateway.routes;

import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.APP;
import static eu.seta.gateway.testing.StandardPrincipals.APP_KEY;
import static eu.seta.gateway.testing.StandardPrincipals.BOB;
import static eu.seta.gateway.testing.StandardPrincipals.BOB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes as an operator writes them in YAML, with requirements, a per-route timeout and a route that keeps the
 * Authorization header from its backend; CORS on, and the test client counted as a trusted proxy.
 */
class RouteRequirementsTests extends GatewayIntegrationTest {

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		route(registry, 0, "admin", "/seta-admin/**", BACKEND.baseUrl());
		registry.add(ROUTES + "[0].filters[0]", () -> "RequireRole=Administrator");
		route(registry, 1, "people", "/seta-people/**", BACKEND.baseUrl());
		registry.add(ROUTES + "[1].filters[0]", () -> "RequireUserType=user");
		registry.add(ROUTES + "[1].filters[1]", () -> "RemoveRequestHeader=Authorization");
		route(registry, 2, "slow", "/seta-slow/**", BACKEND.baseUrl());
		registry.add(ROUTES + "[2].metadata.response-timeout", () -> "500");
		route(registry, 3, "down", "/seta-down/**", "http://127.0.0.1:" + closedPort());
		route(registry, 4, "either", "/seta-either/**", BACKEND.baseUrl());
		registry.add(ROUTES + "[4].filters[0]", () -> "RequireRole=Administrator,User");
		route(registry, 5, "slower", "/seta-slower/**", BACKEND.baseUrl());
		route(registry, 6, "stripped", "/seta-stripped/**", BACKEND.baseUrl());
		registry.add(ROUTES + "[6].filters[0]", () -> "StripPrefix=1");
		registry.add("seta.edge.backend-response-timeout", () -> "1s");
		registry.add("seta.edge.cors.allowed-origins", () -> "https://seta.example.org");
		registry.add("seta.edge.trusted-proxies", () -> "127.0.0.1/32,::1/128");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path, String uri) {
		registry.add(ROUTES + "[" + index + "].id", () -> id);
		registry.add(ROUTES + "[" + index + "].uri", () -> uri);
		registry.add(ROUTES + "[" + index + "].predicates[0]", () -> "Path=" + path);
	}

	@BeforeEach
	void backendAnswers() {
		BACKEND.stubFor(any(urlPathMatching("/seta-slower/.*"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(4_000).withBody("{}")));
		BACKEND.stubFor(any(urlPathMatching("/seta-slow/.*"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(3_000).withBody("{}")));
	}

	@Test
	void requireRoleAdmitsAdministratorsOnly() {
		TokenPair admin = login(BOB, BOB_KEY.getPrivate());
		get("/seta-admin/stats", admin).expectStatus().isOk();
		BACKEND.resetRequests();
		get("/seta-admin/stats", login(ALICE, ALICE_KEY.getPrivate())).expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"seta\", error=\"insufficient_scope\", "
					+ "error_description=\"This route requires the role Administrator.\"")
			.expectBody()
			.json("{\"error\":\"insufficient_scope\",\"message\":\"This route requires the role Administrator.\"}", true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
		this.client.get().uri("/seta-admin/stats").exchange().expectStatus().isUnauthorized();
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void requirementsAcceptAListOfValues() {
		get("/seta-either/x", login(ALICE, ALICE_KEY.getPrivate())).expectStatus().isOk();
		get("/seta-either/x", login(BOB, BOB_KEY.getPrivate())).expectStatus().isOk();
	}

	@Test
	void requireUserTypeKeepsApplicationsOut() {
		get("/seta-people/me", login(APP, APP_KEY.getPrivate())).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("insufficient_scope");
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
		get("/seta-people/me", login(ALICE, ALICE_KEY.getPrivate())).expectStatus().isOk();
	}

	@Test
	void removeRequestHeaderKeepsTheTokenFromTheBackendButNotTheIdentity() {
		get("/seta-people/me", login(ALICE, ALICE_KEY.getPrivate())).expectStatus().isOk();
		LoggedRequest seen = BACKEND.findAll(anyRequestedFor(anyUrl())).get(0);
		assertThat(seen.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertThat(seen.getHeader("X-Seta-User-Id")).isEqualTo("u-alice");
	}

	/** The backend answers after 3 s, well within the global 30 s: only the route's own 500 ms makes this a 504. */
	@Test
	void slowBackendIs504AfterTheRoutesOwnTimeout() {
		get("/seta-slow/report", login(ALICE, ALICE_KEY.getPrivate())).expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectBody()
			.json("{\"error\":\"gateway_timeout\",\"message\":\"The upstream service did not answer in time.\"}", true);
	}

	/**
	 * A route without a timeout of its own waits the global backend timeout (1 s here), which the backend's 4 s
	 * exceed: only that timeout can make this a 504, and it is the gateway's JSON one.
	 */
	@Test
	void aRouteWithoutItsOwnTimeoutIs504AfterTheGlobalOne() {
		get("/seta-slower/report", login(ALICE, ALICE_KEY.getPrivate())).expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectBody()
			.json("{\"error\":\"gateway_timeout\",\"message\":\"The upstream service did not answer in time.\"}", true);
	}

	@Test
	void unreachableBackendIs502() {
		get("/seta-down/x", login(ALICE, ALICE_KEY.getPrivate())).expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.json("{\"error\":\"bad_gateway\",\"message\":\"The upstream service failed to answer.\"}", true);
	}

	@Test
	void corsAnswersListedOriginsOnly() {
		this.client.options()
			.uri("/seta-admin/stats")
			.header(HttpHeaders.ORIGIN, "https://seta.example.org")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://seta.example.org")
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
		this.client.options()
			.uri("/seta-admin/stats")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void forwardingHeadersOfATrustedProxyAreKeptAndExtended() {
		this.client.get()
			.uri("/seta-either/x")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken())
			.header("X-Forwarded-For", "203.0.113.9")
			.exchange()
			.expectStatus()
			.isOk();
		String forwardedFor = BACKEND.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("X-Forwarded-For");
		assertThat(forwardedFor).startsWith("203.0.113.9,").contains("127.0.0.1");
	}

	/** A backend behind a stripped prefix learns it, after the prefix a trusted proxy stripped before. */
	@Test
	void aStrippedPrefixIsForwardedToTheBackend() {
		String token = login(ALICE, ALICE_KEY.getPrivate()).accessToken();
		this.client.get()
			.uri("/seta-stripped/api/v1/x")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest seen = BACKEND.findAll(anyRequestedFor(anyUrl())).get(0);
		assertThat(seen.getUrl()).isEqualTo("/api/v1/x");
		assertThat(seen.getHeader("X-Forwarded-Prefix")).isEqualTo("/seta-stripped");
		BACKEND.resetRequests();
		this.client.get()
			.uri("/seta-stripped/api/v1/x")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Forwarded-Prefix", "/outer")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(BACKEND.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("X-Forwarded-Prefix"))
			.isEqualTo("/outer,/seta-stripped");
	}

	@Test
	void hstsIsSentWhenATrustedProxyEndedTls() {
		this.client.get()
			.uri("/.well-known/jwks.json")
			.header("X-Forwarded-Proto", "https")
			.exchange()
			.expectHeader()
			.valueEquals("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		this.client.get().uri("/.well-known/jwks.json").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec get(String path, TokenPair pair) {
		return this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken()).exchange();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
