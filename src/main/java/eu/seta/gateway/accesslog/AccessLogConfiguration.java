package eu.seta.gateway.accesslog;

import java.time.Clock;

import eu.seta.gateway.edge.ClientAddresses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebExceptionHandler;

/** The filter exists only when the log is on: a call pays nothing for it otherwise. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(AccessLogProperties.PREFIX + ".enabled")
class AccessLogConfiguration {

	@Bean
	AccessLogFilter accessLogFilter(ClientAddresses clients, Clock clock,
			ObjectProvider<WebExceptionHandler> errorHandlers) {
		return new AccessLogFilter(clients, clock, errorHandlers.orderedStream().toList());
	}

}
