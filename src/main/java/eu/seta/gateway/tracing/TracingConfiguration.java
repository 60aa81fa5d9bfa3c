package eu.seta.gateway.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Hooks;

/**
 * What the gateway adds to Spring Boot's tracing when it is on. Spring Boot builds the tracer, the OTLP exporter
 * ({@code management.opentelemetry.tracing.export.otlp.*}) and the server span that continues an incoming
 * {@code traceparent}; Spring Cloud Gateway's observability filters, switched on by the same property in
 * application.yml, make the client span whose {@code traceparent} the backend receives.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(TracingSwitch.PROPERTY)
class TracingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TracingConfiguration.class);

	/**
	 * The current span on whichever thread a reactive step runs (a Redis reply, a crypto worker), so that an audit
	 * line can name the trace it was written in. Reactor restores the observation held in each subscriber's context
	 * around every operator: a cost on every call, paid only with tracing on.
	 */
	@Bean
	DisposableBean automaticContextPropagation() {
		Hooks.enableAutomaticContextPropagation();
		return Hooks::disableAutomaticContextPropagation;
	}

	/** Tracing on without an endpoint is legal (traces still pass to backends), but rarely what was meant. */
	@Bean
	SmartInitializingSingleton spanExporterCheck(ObjectProvider<SpanExporter> exporters) {
		return () -> {
			if (exporters.stream().findAny().isEmpty()) {
				log.warn("tracing is on but no span exporter is configured: spans go nowhere, backends still receive "
						+ "traceparent; set management.opentelemetry.tracing.export.otlp.endpoint "
						+ "(e.g. http://otel-collector:4318/v1/traces)");
			}
		};
	}

}
