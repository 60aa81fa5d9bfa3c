package eu.seta.gateway.accesslog;

import java.util.List;

import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.TokenPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import com.github.tomakehurst.wiremock.http.Fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** With {@code seta.edge.access-log.enabled}: one JSON line per proxied call, refusals included, none for the rest. */
@TestPropertySource(properties = "seta.edge.access-log.enabled=true")
class AccessLogTests extends GatewayIntegrationTest {

	private static final String BODY = "{\"documents\":[1,2,3]}";

	private AccessLogLines log;

	@BeforeEach
	void attach() {
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(BODY)));
		this.log = new AccessLogLines();
	}

	@AfterEach
	void detach() {
		this.log.close();
	}

	@Test
	void anAuthenticatedCallIsOneLineWithItsRouteCallerStatusAndBytes() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		this.client.post()
			.uri("/seta-search/api/v1/corpus?term=secret-term")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			// the bytes as sent: uncompressed, so that the test knows how many
			.header(HttpHeaders.ACCEPT_ENCODING, "identity")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();
		List<JsonNode> lines = this.log.await(1);
		assertThat(lines).hasSize(1);
		JsonNode line = lines.get(0);
		assertThat(fieldNames(line)).containsExactly("time", "route", "method", "path", "status", "duration_ms",
				"principal", "client", "bytes");
		assertThat(line.get("time").stringValue()).isEqualTo(this.clock.instant().toString());
		assertThat(line.get("route").stringValue()).isEqualTo("seta-search");
		assertThat(line.get("method").stringValue()).isEqualTo("POST");
		assertThat(line.get("path").stringValue()).isEqualTo("/seta-search/api/v1/corpus");
		assertThat(line.get("status").intValue()).isEqualTo(200);
		assertThat(line.get("duration_ms").isNumber()).isTrue();
		assertThat(line.get("duration_ms").doubleValue()).isPositive();
		assertThat(line.get("principal").stringValue()).isEqualTo("u-alice");
		assertThat(line.get("client").stringValue()).isEqualTo("127.0.0.1");
		assertThat(line.get("bytes").longValue()).isEqualTo(BODY.length());
		assertThat(line.toString()).doesNotContain("secret-term").doesNotContain(pair.accessToken());
	}

	@Test
	void refusalsOfTheEdgeAndOfTheRouteAreLoggedToo() {
		// each line awaited before the next call: a line may be written just after its answer was read, so two
		// calls in a row could otherwise log in either order
		this.client.get().uri("/seta-search/api/v1/corpus").exchange().expectStatus().isUnauthorized();
		this.log.await(1);
		this.client.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.log.await(2);
		this.client.get().uri("/nowhere").exchange().expectStatus().isNotFound();
		List<JsonNode> lines = this.log.await(3);
		assertThat(lines).extracting((line) -> line.get("status").intValue()).containsExactly(401, 401, 404);
		// without a token the route was chosen and refused the call; a bad token is refused before routing
		assertThat(lines.get(0).get("route").stringValue()).isEqualTo("seta-search");
		assertThat(lines.get(1).get("route").isNull()).isTrue();
		assertThat(lines.get(2).get("route").isNull()).isTrue();
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line.get("principal").isNull()).isTrue();
			assertThat(line.get("bytes").longValue()).as("the JSON error body").isPositive();
		});
	}

	@Test
	void aBackendThatFailsIsLoggedWithTheStatusTheClientGot() {
		TokenPair pair = login(ALICE, ALICE_KEY.getPrivate());
		BACKEND.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		byte[] answer = this.client.get()
			.uri("/seta-search/api/v1/corpus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + pair.accessToken())
			.header(HttpHeaders.ACCEPT_ENCODING, "identity")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.returnResult()
			.getResponseBody();
		JsonNode line = this.log.await(1).get(0);
		assertThat(line.get("status").intValue()).isEqualTo(502);
		assertThat(line.get("route").stringValue()).isEqualTo("seta-search");
		assertThat(line.get("principal").stringValue()).isEqualTo("u-alice");
		assertThat(line.get("bytes").longValue()).isEqualTo(answer.length);
	}

	@Test
	void theGatewaysOwnEndpointsAreNotInTheAccessLog() {
		login(ALICE, ALICE_KEY.getPrivate());
		this.client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
		// a proxied call after them, so that its line shows the log was written up to here
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		assertThat(this.log.await(1)).extracting((line) -> line.get("path").stringValue())
			.containsExactly("/seta-ui/index.html");
	}

	private static List<String> fieldNames(JsonNode line) {
		return line.propertyNames().stream().toList();
	}

}
