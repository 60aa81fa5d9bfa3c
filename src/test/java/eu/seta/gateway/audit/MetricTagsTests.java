package eu.seta.gateway.audit;

import java.util.List;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** The security metrics carry the tags docs/operations.md lists, and no others. */
class MetricTagsTests extends GatewayIntegrationTest {

	@LocalManagementPort
	int managementPort;

	@Test
	void metricsCountedByOneEventAloneCarryNoReasonTag() {
		TokenPair first = login(ALICE, ALICE_KEY.getPrivate());
		refreshed(first.refreshToken());
		refresh(first.refreshToken()).expectStatus().isUnauthorized();
		List<String> lines = prometheus().lines().filter((line) -> !line.startsWith("#")).toList();
		for (String metric : List.of("seta_tokens_issued_total", "seta_tokens_refreshed_total",
				"seta_refresh_reuse_detected_total")) {
			assertThat(lines).as(metric).filteredOn((line) -> line.startsWith(metric)).singleElement()
				.asString()
				.matches(metric + " [0-9.E]+");
		}
		assertThat(lines).filteredOn((line) -> line.startsWith("seta_")).noneMatch((line) -> line.contains("\"none\""));
	}

	private String prometheus() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.managementPort)
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
