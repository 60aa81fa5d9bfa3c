package eu.seta.gateway.tracing;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.seta.gateway.testing.AuditLines;
import eu.seta.gateway.testing.GatewayIntegrationTest;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.context.ApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE;
import static eu.seta.gateway.testing.StandardPrincipals.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Off by default, and then not there at all: no tracer, no tracing handler on the observations, no span processor,
 * no exporter, none of Spring Cloud Gateway's observation filters; a call is forwarded as it came.
 */
class TracingOffTests extends GatewayIntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void nothingOfTracingIsBuilt() {
		assertThat(this.context.getEnvironment().getProperty(TracingSwitch.PROPERTY)).isEqualTo("false");
		assertThat(this.context.getBeanNamesForType(io.micrometer.tracing.Tracer.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(OpenTelemetry.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SpanProcessor.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SpanExporter.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ObservedRequestHttpHeadersFilter.class)).isEmpty();
		assertThat(this.context.getBeansOfType(ObservationHandler.class).values())
			.noneMatch(TracingObservationHandler.class::isInstance);
		// nor an observation of every Redis command
		assertThat(this.context.getBean(ClientResources.class).tracing().isEnabled()).isFalse();
	}

	@Test
	void theGatewayAddsNoTraceparentToACallThatCameWithout() {
		this.client.get().uri("/seta-ui/index.html").exchange().expectStatus().isOk();
		LoggedRequest sent = backendRequest();
		assertThat(sent.containsHeader("traceparent")).isFalse();
		assertThat(sent.containsHeader("b3")).isFalse();
	}

	/** Off, the gateway is not part of the trace: a caller's trace context passes like any other header. */
	@Test
	void aCallersTraceparentPassesUnchanged() {
		String traceparent = TraceContext.random().header();
		this.client.get().uri("/seta-ui/index.html").header("traceparent", traceparent).exchange().expectStatus().isOk();
		assertThat(backendRequest().getHeaders().getHeader("traceparent").values()).containsExactly(traceparent);
	}

	@Test
	void auditLinesCarryNoTraceField() {
		try (AuditLines audit = new AuditLines()) {
			login(ALICE, ALICE_KEY.getPrivate());
			List<?> issued = audit.of("token_issued");
			assertThat(issued).hasSize(1);
			assertThat(audit.of("token_issued").get(0).has("trace")).isFalse();
		}
	}

	private static LoggedRequest backendRequest() {
		List<LoggedRequest> requests = BACKEND.findAll(getRequestedFor(urlEqualTo("/seta-ui/index.html")));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
