package eu.seta.gateway.directory;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Binds {@code seta.directory.type} before any bean is built. The directory's beans are chosen by that value, so a
 * value that names no directory ({@code ldap}) would otherwise surface as some bean missing, in a message that
 * names no setting; bound here, it fails with Spring Boot's binding report: the property, the value, the allowed
 * values.
 */
class DirectoryTypeCheck implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder.get(environment).bind(DirectoryConfiguration.TYPE, DirectoryProperties.Type.class);
	}

}
