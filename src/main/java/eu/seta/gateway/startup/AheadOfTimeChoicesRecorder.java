package eu.seta.gateway.startup;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Writes down, while the build processes the gateway ahead of time, the choices its conditions were decided on
 * ({@link AheadOfTimeChoices}), so that a start can tell whether the generated beans fit its configuration.
 */
class AheadOfTimeChoicesRecorder implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getParentBeanFactory() != null) {
			// the management port's own context, processed as part of the gateway's: one record is the build's
			return null;
		}
		AheadOfTimeChoices choices = AheadOfTimeChoices.of(beanFactory.getBean(ConfigurableEnvironment.class));
		return (generation, code) -> generation.getGeneratedFiles()
			.addResourceFile(AheadOfTimeChoices.RESOURCE, choices.text());
	}

}
