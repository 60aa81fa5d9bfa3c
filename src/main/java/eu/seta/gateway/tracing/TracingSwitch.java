package eu.seta.gateway.tracing;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Spring Boot's tracing and OpenTelemetry auto-configurations out of the application unless
 * {@value #PROPERTY} is true (the gateway's application.yml sets it to false).
 * <p>
 * Spring Boot 4 has no switch that removes tracing: with the bridge on the class path it always builds a tracer and
 * adds its handlers to every observation (its own property only stops export and propagation), so each call would
 * start, scope and end a span nobody sees. The edge's per-call cost is the product's headline number; off, tracing
 * is not there at all: no tracer, no handler, no span processor thread, no exporter. On, Spring Boot's
 * auto-configuration runs unchanged and reads its own {@code management.tracing.*} and
 * {@code management.opentelemetry.*} settings.
 */
public final class TracingSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

	/** Spring Boot's own switch of span export and propagation; here it also decides whether tracing exists. */
	public static final String PROPERTY = "management.tracing.export.enabled";

	/**
	 * The packages of the auto-configurations that come with spring-boot-micrometer-tracing-opentelemetry, and of
	 * Lettuce's observation of each Redis command. That one is for the Redis spans: without tracing it only timed
	 * every command (tagged with the server's address), which the store's own {@code seta.store.operations} timer
	 * already does per operation, for 3 % of a login's samples (docs/PERFORMANCE.md).
	 */
	static final List<String> TRACING_PACKAGES = List.of("org.springframework.boot.micrometer.tracing.",
			"org.springframework.boot.opentelemetry.", "org.springframework.boot.data.redis.autoconfigure.observation.");

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean on = isOn(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = on || candidate == null || !isTracing(candidate);
		}
		return matches;
	}

	static boolean isOn(@Nullable Environment environment) {
		return environment != null && environment.getProperty(PROPERTY, Boolean.class, false);
	}

	static boolean isTracing(String autoConfigurationClass) {
		for (String prefix : TRACING_PACKAGES) {
			if (autoConfigurationClass.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
