package eu.seta.gateway.tracing;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Which auto-configurations the switch lets in: all when on, none of tracing's otherwise. */
class TracingSwitchTests {

	private static final String[] CANDIDATES = {
			"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
			"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
			// the observation registry and its metrics stay: the gateway's timings come from them
			"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayTracingAutoConfiguration", null };

	@Test
	void offLeavesOutTracingAndOpenTelemetryOnly() {
		assertThat(matches(new MockEnvironment().withProperty(TracingSwitch.PROPERTY, "false")))
			.containsExactly(false, false, false, false, false, false, true, true, true, true);
	}

	@Test
	void unsetIsOff() {
		assertThat(matches(new MockEnvironment())).containsExactly(false, false, false, false, false, false, true, true,
				true, true);
	}

	@Test
	void onLetsEverythingIn() {
		assertThat(matches(new MockEnvironment().withProperty(TracingSwitch.PROPERTY, "true")))
			.containsExactly(true, true, true, true, true, true, true, true, true, true);
	}

	private static boolean[] matches(MockEnvironment environment) {
		TracingSwitch tracingSwitch = new TracingSwitch();
		tracingSwitch.setEnvironment(environment);
		return tracingSwitch.match(CANDIDATES, null);
	}

}
