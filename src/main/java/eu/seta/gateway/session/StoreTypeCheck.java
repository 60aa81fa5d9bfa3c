package eu.seta.gateway.session;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Binds {@code seta.store.type} before any bean is built. The store's beans are chosen by that value, so a value
 * that names no store ({@code mongo}) would otherwise surface as some bean missing, in a message that names no
 * setting; bound here, it fails with Spring Boot's binding report: the property, the value, the allowed values.
 */
class StoreTypeCheck implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder.get(environment).bind(SessionStoreConfiguration.TYPE, StoreProperties.Type.class);
	}

}
