package eu.seta.gateway.tracing;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.AuditLines;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import eu.seta.gateway.testing.Messages;
import io.lettuce.core.resource.ClientResources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing switched on, with an OTLP receiver stand-in: an incoming trace is continued, the backend receives the
 * gateway's span as its parent, spans reach the receiver, and audit lines name the trace.
 */
@TestPropertySource(properties = { TracingSwitch.PROPERTY + "=true",
		// every new trace recorded, so that the receiver gets spans whatever the random trace ids
		"management.tracing.sampling.probability=1.0",
		// a batch leaves within a tenth of a second instead of five
		"management.opentelemetry.tracing.export.schedule-delay=100ms" })
class TracingTests extends GatewayIntegrationTest {

	private static final String TRACEPARENT = "traceparent";

	/** Stands in for an OpenTelemetry collector's OTLP/HTTP receiver. */
	private static final WireMockServer COLLECTOR = startCollector();

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", () -> COLLECTOR.baseUrl() + "/v1/traces");
	}

	@BeforeEach
	void freshCollector() {
		COLLECTOR.resetRequests();
	}

	/** On, Redis commands are part of the trace: Lettuce observes each of them. */
	@Test
	void redisCommandsAreObserved(@Autowired ClientResources resources) {
		assertThat(resources.tracing().isEnabled()).isTrue();
	}

	@Test
	void anIncomingTraceIsContinuedAndTheBackendGetsTheGatewaysSpanAsParent() {
		TraceContext caller = TraceContext.random();
		callUi(caller.header()).expectStatus().isOk();
		TraceContext received = TraceContext.parse(backendRequest().getHeader(TRACEPARENT));
		assertThat(received.traceId()).isEqualTo(caller.traceId());
		assertThat(received.parentId()).isNotEqualTo(caller.parentId());
		assertThat(received.flags()).isEqualTo("01");
	}

	@Test
	void aCallWithoutTraceStartsOneAndPassesItOn() {
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		TraceContext.parse(backendRequest().getHeader(TRACEPARENT));
	}

	/** A malformed traceparent is ignored (W3C trace context): a new trace, never the caller's text passed on. */
	@Test
	void aMalformedTraceparentStartsANewTraceAndIsNotPassedOn() {
		String malformed = "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01";
		callUi(malformed).expectStatus().isOk();
		List<String> sent = backendRequest().getHeaders().getHeader(TRACEPARENT).values();
		assertThat(sent).hasSize(1);
		TraceContext received = TraceContext.parse(sent.get(0));
		assertThat(received.traceId()).isNotEqualTo("0".repeat(32));
		assertThat(received.parentId()).isNotEqualTo("00f067aa0ba902b7");
	}

	@Test
	void spansOfTheCallReachTheOtlpReceiverNamingTheServiceAndTheTrace() {
		TraceContext caller = TraceContext.random();
		callUi(caller.header()).expectStatus().isOk();
		Awaitility.await().untilAsserted(() -> assertThat(exportsNaming(caller)).isNotEmpty());
		LoggedRequest export = exportsNaming(caller).get(0);
		assertThat(export.getHeader("Content-Type")).isEqualTo("application/x-protobuf");
		assertThat(contains(export.getBody(), "seta-gateway".getBytes())).as("service.name").isTrue();
	}

	@Test
	void anAuditLineWrittenDuringATracedCallCarriesItsTraceId() {
		TraceContext caller = TraceContext.random();
		try (AuditLines audit = new AuditLines()) {
			this.client.post()
				.uri("/authentication/v1/token")
				.header(TRACEPARENT, caller.header())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(proof(ALICE, ALICE_KEY.getPrivate(), Messages.randomLetters()))
				.exchange()
				.expectStatus()
				.isOk();
			Awaitility.await().untilAsserted(() -> assertThat(audit.of("token_issued")).isNotEmpty());
			List<JsonNode> issued = audit.of("token_issued");
			assertThat(issued).hasSize(1);
			assertThat(issued.get(0).get("principal").stringValue()).isEqualTo("u-alice");
			assertThat(issued.get(0).path("trace").stringValue("none")).isEqualTo(caller.traceId());
		}
	}

	private WebTestClient.ResponseSpec callUi(String traceparent) {
		return this.client.get().uri("/seta-ui/index.html").header(TRACEPARENT, traceparent).exchange();
	}

	private static LoggedRequest backendRequest() {
		List<LoggedRequest> requests = BACKEND.findAll(getRequestedFor(urlEqualTo("/seta-ui/index.html")));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/** The exports whose protobuf body holds the trace id's 16 bytes. */
	private static List<LoggedRequest> exportsNaming(TraceContext trace) {
		return COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/traces")))
			.stream()
			.filter((request) -> contains(request.getBody(), trace.traceIdBytes()))
			.toList();
	}

	private static boolean contains(byte[] body, byte[] part) {
		outer: for (int i = 0; i + part.length <= body.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (body[i + j] != part[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static WireMockServer startCollector() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
		return server;
	}

}
