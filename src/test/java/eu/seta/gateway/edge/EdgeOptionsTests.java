package eu.seta.gateway.edge;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
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
 * Edge options an operator turns on, as docs/edge.md describes them: a route that asks for {@code no-store} with
 * Spring Cloud Gateway's own {@code SetResponseHeader} filter, and a trusted proxy (the test client) whose
 * forwarding headers are believed.
 */
class EdgeOptionsTests extends GatewayIntegrationTest {

	/** Replaces the routes of config/application.yml: Spring Boot binds a list as a whole. */
	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	@DynamicPropertySource
	static void options(DynamicPropertyRegistry registry) {
		registry.add(ROUTES + "[0].id", () -> "seta-account");
		registry.add(ROUTES + "[0].uri", BACKEND::baseUrl);
		registry.add(ROUTES + "[0].predicates[0]", () -> "Path=/seta-account/**");
		registry.add(ROUTES + "[0].filters[0]", () -> "SetResponseHeader=Cache-Control, no-store");
		registry.add("seta.edge.trusted-proxies", () -> "127.0.0.1/32,::1/128");
	}

	@BeforeEach
	void backendAnswers() {
		BACKEND.resetAll();
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Cache-Control", "max-age=3600")
			.withBody("{}")));
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
