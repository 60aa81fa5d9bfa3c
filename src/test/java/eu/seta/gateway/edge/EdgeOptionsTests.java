package eu.seta.gateway.edge;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;

/**
 * Edge options an operator turns on, as docs/edge.md describes them: a route that asks for {@code no-store} with
 * Spring Cloud Gateway's own {@code SetResponseHeader} filter.
 */
class EdgeOptionsTests extends GatewayIntegrationTest {

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	@DynamicPropertySource
	static void options(DynamicPropertyRegistry registry) {
		registry.add(ROUTES + "[0].id", () -> "seta-account");
		registry.add(ROUTES + "[0].uri", BACKEND::baseUrl);
		registry.add(ROUTES + "[0].predicates[0]", () -> "Path=/seta-account/**");
		registry.add(ROUTES + "[0].filters[0]", () -> "SetResponseHeader=Cache-Control, no-store");
	}

	@BeforeEach
	void backendAnswers() {
		BACKEND.resetAll();
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Cache-Control", "max-age=3600")
			.withBody("{}")));
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
