package eu.seta.gateway.revocation;

import java.security.KeyPair;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.TestKeys;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the user service as the directory, a principal disabled or removed there loses its access tokens at the edge
 * once the gateway's cached answer has expired (positive-ttl, 30 s), without a login or a refresh asking.
 */
class HttpDirectoryWithdrawalTests extends GatewayIntegrationTest {

	private static final WireMockServer USERS = start();

	@DynamicPropertySource
	static void userService(DynamicPropertyRegistry registry) {
		registry.add("seta.directory.type", () -> "http");
		registry.add("seta.directory.http.base-url", () -> USERS.baseUrl() + "/api");
		// the first call of a fresh JVM to the user service sets up its HTTP client; on a loaded machine that took
		// longer than the default 2 s
		registry.add("seta.directory.http.response-timeout", () -> "5s");
		registry.add("seta.revocation.directory-check-interval", () -> "100ms");
	}

	@AfterAll
	static void stop() {
		USERS.stop();
	}

	@Test
	void aPrincipalDisabledInTheUserServiceLosesItsAccessTokens() {
		assertWithdrawalRefuses("disabled");
	}

	@Test
	void aPrincipalRemovedFromTheUserServiceLosesItsAccessTokens() {
		assertWithdrawalRefuses("removed");
	}

	private void assertWithdrawalRefuses(String change) {
		String name = "hal-" + Messages.randomLetters().substring(0, 8);
		KeyPair key = TestKeys.rsa2048();
		answer(name, "active", key);
		TokenPair pair = login(name, key);
		assertThat(proxied(pair.accessToken())).isEqualTo(200);
		if (change.equals("removed")) {
			USERS.stubFor(get(urlPathEqualTo("/api/principals/u-" + name)).willReturn(notFound()));
		}
		else {
			answer(name, "disabled", key);
		}
		// within the cached answer's lifetime the gateway does not know yet. The watch may be asking about the new
		// principal right now, its answer still "active": it counts from the question, so it is past its lifetime too
		this.clock.advance(Duration.ofSeconds(31));
		// a bound for a stuck check, not a speed: a loaded machine may take a few rounds of the 100 ms watch
		await().atMost(Duration.ofSeconds(30)).until(() -> proxied(pair.accessToken()) == 401);
	}

	private TokenPair login(String name, KeyPair key) {
		String message = Messages.randomLetters();
		return postToken(proof("github", name, message, TestKeys.sign(key.getPrivate(), message))).expectStatus()
			.isOk()
			.expectBody(TokenPair.class)
			.returnResult()
			.getResponseBody();
	}

	private int proxied(String accessToken) {
		return this.client.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value();
	}

	private static void answer(String name, String status, KeyPair key) {
		String json = "{\"id\":\"u-" + name + "\",\"provider\":\"github\",\"username\":\"" + name
				+ "\",\"type\":\"user\",\"role\":\"User\",\"status\":\"" + status + "\",\"public-keys\":[\""
				+ TestKeys.openSsh(key.getPublic(), name) + "\"]}";
		USERS.stubFor(get(urlPathEqualTo("/api/principals")).willReturn(okJson(json)));
		USERS.stubFor(get(urlPathEqualTo("/api/principals/u-" + name)).willReturn(okJson(json)));
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		return server;
	}

}
