package eu.seta.gateway.startup;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.SpringProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard on its own: whether a start keeps {@code spring.aot.enabled}, for each relation between its settings
 * and the build's record. A whole start in each mode is {@code AheadOfTimeStartTests}.
 */
class AheadOfTimeGuardTests {

	private final DeferredLogs logs = new DeferredLogs();

	@AfterEach
	void forgetTheFlag() {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
	}

	@Test
	void aStartWhoseChoicesAreTheBuildsKeepsTheGeneratedBeans() {
		MockEnvironment built = new MockEnvironment();
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		guard(new MockEnvironment().withProperty("seta.store.type", "redis"), AheadOfTimeChoices.of(built).text());
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
	}

	@Test
	void aStartWithTheAccessLogOnRunsTheOrdinaryWay() {
		MockEnvironment built = new MockEnvironment();
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		guard(new MockEnvironment().withProperty("seta.edge.access-log.enabled", "true"),
				AheadOfTimeChoices.of(built).text());
		assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
	}

	@Test
	void aStartWithTracingOnRunsTheOrdinaryWay() {
		MockEnvironment built = new MockEnvironment();
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		guard(new MockEnvironment().withProperty("management.tracing.export.enabled", "true"),
				AheadOfTimeChoices.of(built).text());
		assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
	}

	@Test
	void aBuildWithoutGeneratedBeansRunsTheOrdinaryWayInsteadOfFailing() {
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		guard(new MockEnvironment(), null);
		assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
	}

	@Test
	void withoutTheFlagTheGuardChangesNothing() {
		guard(new MockEnvironment(), null);
		assertThat(SpringProperties.getProperty(AotDetector.AOT_ENABLED)).isNull();
	}

	/** Runs the guard as Spring Boot would, with a class path whose record is {@code recorded} (none if null). */
	private void guard(MockEnvironment configured, @Nullable String recorded) {
		ClassLoader classPath = new ClassLoader(getClass().getClassLoader()) {
			@Override
			public @Nullable InputStream getResourceAsStream(String name) {
				if (name.equals(AheadOfTimeChoices.RESOURCE)) {
					return (recorded != null) ? new ByteArrayInputStream(recorded.getBytes(StandardCharsets.ISO_8859_1))
							: null;
				}
				return super.getResourceAsStream(name);
			}
		};
		SpringApplication application = new SpringApplication(new DefaultResourceLoader(classPath));
		new AheadOfTimeGuard(this.logs).postProcessEnvironment(configured, application);
	}

}
