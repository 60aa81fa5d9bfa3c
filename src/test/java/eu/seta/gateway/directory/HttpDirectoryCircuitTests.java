package eu.seta.gateway.directory;

import java.security.KeyPair;
import java.time.Duration;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Messages;
import eu.seta.gateway.testing.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A failing user service opens the circuit: the gateway stops calling it, answers 503, and closes it once it heals. */
class HttpDirectoryCircuitTests extends GatewayIntegrationTest {

	static final UserServiceStub USERS = new UserServiceStub();

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void userService(DynamicPropertyRegistry registry) {
		registry.add("seta.directory.type", () -> "http");
		registry.add("seta.directory.http.base-url", USERS::baseUrl);
		registry.add("seta.directory.http.circuit-breaker.minimum-calls", () -> "3");
		registry.add("seta.directory.http.circuit-breaker.sliding-window-size", () -> "3");
		registry.add("seta.directory.http.circuit-breaker.wait-in-open-state", () -> "1s");
	}

	@Test
	void theCircuitOpensOnFailuresAndClosesWhenTheServiceHeals() {
		KeyPair key = TestKeys.rsa2048();
		for (int i = 0; i < 3; i++) {
			String name = "down-" + i;
			USERS.answerLogin("github", name, serverError());
			attempt(name, key).expectStatus().isEqualTo(503);
		}
		int callsWhenOpened = USERS.server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
		assertThat(circuitState("open")).isEqualTo(1.0);
		// open: refused at once, without a call
		USERS.user("u-healed", "healed", "active", key);
		attempt("healed", key).expectStatus().isEqualTo(503);
		assertThat(USERS.server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount())
			.isEqualTo(callsWhenOpened);
		// after the wait one call goes through; it succeeds and the circuit closes
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> attempt("healed", key).returnResult(Void.class).getStatus().value() == 200);
		assertThat(circuitState("closed")).isEqualTo(1.0);
	}

	private double circuitState(String state) {
		return this.meters.get("resilience4j.circuitbreaker.state")
			.tag("name", "user-service")
			.tag("state", state)
			.gauge()
			.value();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec attempt(String username,
			KeyPair key) {
		String message = Messages.randomLetters();
		return postToken(proof("github", username, message, TestKeys.sign(key.getPrivate(), message)));
	}

}
