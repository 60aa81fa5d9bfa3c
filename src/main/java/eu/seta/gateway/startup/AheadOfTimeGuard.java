package eu.seta.gateway.startup;

import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps a start with {@code -Dspring.aot.enabled=true} from running beans that were built for another
 * configuration. The generated code registers the beans whose conditions held when the build ran: with another store
 * type, say, it would still wire the build's store. When this start's choices differ from the build's, or the build
 * made no generated code, the gateway starts the ordinary way (about a second slower) and says why, once.
 * <p>
 * Runs after the configuration files are read and before Spring Boot looks at the flag to create the application
 * context; unsetting it through {@link SpringProperties} is Spring's own way of overriding a JVM flag of its.
 */
class AheadOfTimeGuard implements EnvironmentPostProcessor, Ordered {

	private final Log log;

	AheadOfTimeGuard(DeferredLogFactory logs) {
		this.log = logs.getLog(AheadOfTimeGuard.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		Optional<AheadOfTimeChoices> built = AheadOfTimeChoices.recorded(application.getClassLoader());
		if (built.isEmpty()) {
			startWithoutGeneratedBeans("this build has none (it was not processed ahead of time)");
			return;
		}
		List<String> differences = AheadOfTimeChoices.of(environment).differencesFrom(built.get());
		if (!differences.isEmpty()) {
			startWithoutGeneratedBeans("they were built for another configuration: " + String.join("; ", differences));
		}
	}

	private void startWithoutGeneratedBeans(String reason) {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
		this.log.info("Starting without the ahead-of-time beans (" + AotDetector.AOT_ENABLED + "): " + reason);
	}

}
