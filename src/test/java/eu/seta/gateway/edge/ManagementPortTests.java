package eu.seta.gateway.edge;

import eu.seta.gateway.testing.CryptoProviders;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Actuator lives on its own port with health, info and prometheus only; the public port serves none of it. */
class ManagementPortTests extends GatewayIntegrationTest {

	@LocalManagementPort
	int managementPort;

	@Test
	void managementPortServesHealthInfoAndPrometheus() {
		WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build();
		management.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status")
			.isEqualTo("UP");
		management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		management.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.crypto.provider")
			.isEqualTo(CryptoProviders.nativeExpected() ? "AmazonCorrettoCryptoProvider 2.5.0" : "JDK")
			.jsonPath("$.crypto.threads")
			.isNumber();
		management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((text) -> org.assertj.core.api.Assertions.assertThat(text)
				.contains("cache_gets_total{cache=\"seta.bearer.verified\""));
	}

	@Test
	void gatewayEnvAndOtherEndpointsAreNotExposed() {
		WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build();
		for (String path : new String[] { "/actuator/gateway/routes", "/actuator/gateway/refresh", "/actuator/env",
				"/actuator/beans", "/actuator/heapdump", "/actuator/loggers" }) {
			management.get().uri(path).exchange().expectStatus().isNotFound();
		}
		management.post().uri("/actuator/gateway/refresh").exchange().expectStatus().isNotFound();
	}

	@Test
	void publicPortServesNoActuator() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
	}

}
