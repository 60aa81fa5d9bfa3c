package eu.seta.gateway.routes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.accept.ApiVersionStrategy;

@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

	/** In place of Spring Cloud Gateway's own (which backs off when one exists), made as it makes its own. */
	@Bean
	RoutePredicateHandlerMapping routePredicateHandlerMapping(FilteringWebHandler webHandler, RouteLocator routes,
			GlobalCorsProperties cors, Environment environment, ObjectProvider<ApiVersionStrategy> apiVersions) {
		RouteLookup mapping = new RouteLookup(webHandler, routes, cors, environment);
		apiVersions.ifAvailable(mapping::setApiVersionStrategy);
		return mapping;
	}

}
