package eu.seta.gateway.edge;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;

/**
 * The edge passes the backends' caching semantics unchanged (docs/edge.md): no {@code Cache-Control},
 * {@code Pragma} or {@code Expires} of its own on a proxied answer, so that browsers cache the web console's static
 * files as its server says. The gateway's own token answers and refusals stay {@code no-store}.
 */
class BackendCachingTests extends GatewayIntegrationTest {

	@BeforeEach
	void backendAnswers() {
		BACKEND.resetAll();
		BACKEND.stubFor(get(urlEqualTo("/seta-ui/app.js")).willReturn(aResponse().withStatus(200).withBody("js")));
		BACKEND.stubFor(get(urlEqualTo("/seta-ui/logo.png"))
			.willReturn(aResponse().withStatus(200).withHeader("Cache-Control", "max-age=3600").withBody("png")));
		BACKEND.stubFor(get(urlEqualTo("/seta-search/api/v1/facets")).willReturn(
				aResponse().withStatus(200).withHeader("Cache-Control", "private, max-age=3600").withBody("{}")));
		BACKEND.stubFor(get(urlEqualTo("/seta-search/api/v1/plain")).willReturn(aResponse().withStatus(200)));
	}

	@Test
	void anAnswerWithoutCachingHeadersGetsNoneFromTheGateway() {
		this.client.get()
			.uri("/seta-ui/app.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.CACHE_CONTROL)
			.expectHeader()
			.doesNotExist(HttpHeaders.PRAGMA)
			.expectHeader()
			.doesNotExist(HttpHeaders.EXPIRES)
			// the other security headers stay
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
		this.client.get()
			.uri("/seta-search/api/v1/plain")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.CACHE_CONTROL)
			.expectHeader()
			.doesNotExist(HttpHeaders.PRAGMA)
			.expectHeader()
			.doesNotExist(HttpHeaders.EXPIRES);
	}

	@Test
	void aBackendsMaxAgeIsPassedUnchanged() {
		this.client.get()
			.uri("/seta-ui/logo.png")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=3600")
			.expectHeader()
			.doesNotExist(HttpHeaders.PRAGMA)
			.expectHeader()
			.doesNotExist(HttpHeaders.EXPIRES);
		this.client.get()
			.uri("/seta-search/api/v1/facets")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).accessToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
	}

	@Test
	void tokenAnswersAndRefusalsStayNoStore() {
		expectNoStore(this.client.post()
			.uri("/authentication/v1/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters()))
			.exchange());
		expectNoStore(this.client.post()
			.uri("/authentication/v1/token/refresh")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login(ALICE, ALICE_KEY.getPrivate()).refreshToken())
			.exchange());
		this.client.get()
			.uri("/seta-search/api/v1/facets")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
		this.client.get()
			.uri("/nowhere")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
	}


	private static void expectNoStore(WebTestClient.ResponseSpec answer) {
		answer.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.valueEquals(HttpHeaders.PRAGMA, "no-cache");
	}

}
