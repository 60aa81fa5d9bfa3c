package eu.seta.gateway.edge;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge options an operator turns on, as docs/edge.md describes them: CORS for one origin, a route that asks for
 * {@code no-store} with Spring Cloud Gateway's own {@code SetResponseHeader} filter, and a trusted proxy (the test
 * client) whose forwarding headers are believed.
 */
class EdgeOptionsTests extends GatewayIntegrationTest {

	/** Replaces the routes of config/application.yml: Spring Boot binds a list as a whole. */
	private static final String ALLOWED_ORIGIN = "https://seta.example.org";

	private static final String CORS_REFUSED = "{\"error\":\"access_denied\","
			+ "\"message\":\"Cross-origin requests from this origin are not allowed.\"}";

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	@DynamicPropertySource
	static void options(DynamicPropertyRegistry registry) {
		registry.add(ROUTES + "[0].id", () -> "seta-account");
		registry.add(ROUTES + "[0].uri", BACKEND::baseUrl);
		registry.add(ROUTES + "[0].predicates[0]", () -> "Path=/seta-account/**");
		registry.add(ROUTES + "[0].filters[0]", () -> "SetResponseHeader=Cache-Control, no-store");
		registry.add("seta.edge.trusted-proxies", () -> "127.0.0.1/32,::1/128");
		registry.add("seta.edge.cors.allowed-origins", () -> ALLOWED_ORIGIN);
	}

	@BeforeEach
	void backendAnswers() {
		BACKEND.resetAll();
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Cache-Control", "max-age=3600")
			.withBody("{}")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/authentication/v1/jwks", "/.well-known/oauth-authorization-server", "/seta-account/me" })
	void aRequestFromAnOriginNotListedIsRefusedWithTheJsonBody(String path) {
		this.client.get()
			.uri(path)
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody()
			.json(CORS_REFUSED, true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/authentication/v1/token", "/authentication/v1/jwks", "/seta-account/me" })
	void aRefusedPreflightGetsTheJsonBody(String path) {
		this.client.options()
			.uri(path)
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody()
			.json(CORS_REFUSED, true);
		// a listed origin asking for a header it may not send is refused the same way
		this.client.options()
			.uri(path)
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-seta-role")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json(CORS_REFUSED, true);
		BACKEND.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void theListedOriginIsAnswered() {
		this.client.options()
			.uri("/authentication/v1/token")
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN);
		this.client.get()
			.uri("/authentication/v1/jwks")
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN);
	}

	@Test
	void theForwardingHeadersOfATrustedProxyReachTheBackendExtendedByTheGateway() {
		this.client.get()
			.uri("/seta-account/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken())
			.header("X-Real-IP", "203.0.113.9")
			.header("X-Forwarded-For", "203.0.113.9")
			.header("Forwarded", "for=203.0.113.9;proto=https")
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest seen = BACKEND.findAll(anyRequestedFor(anyUrl())).get(0);
		assertThat(seen.getHeader("X-Real-IP")).isEqualTo("203.0.113.9");
		assertThat(seen.getHeader("X-Forwarded-For")).isEqualTo("203.0.113.9,127.0.0.1");
		// two header lines, which RFC 7239 reads as one list: the proxy's element, then the gateway's
		assertThat(seen.getHeaders().getHeader("Forwarded").values()).hasSize(2)
			.first()
			.isEqualTo("for=203.0.113.9;proto=https");
		assertThat(seen.getHeaders().getHeader("Forwarded").values().get(1)).contains("for=\"127.0.0.1:");
	}

	@Test
	void aRouteAsksForNoStoreWithSetResponseHeader() {
		this.client.get()
			.uri("/seta-account/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
	}

}
