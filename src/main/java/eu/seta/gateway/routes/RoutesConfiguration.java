package eu.seta.gateway.routes;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.accept.ApiVersionStrategy;
import reactor.netty.resources.ConnectionProvider;

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

	/**
	 * Spring Cloud Gateway's HTTP client to the backends (which backs off when one exists), with one connection pool
	 * per event loop in place of one for all ({@link PoolPerEventLoop}).
	 */
	@Bean
	HttpClientFactory gatewayHttpClientFactory(HttpClientProperties properties, ServerProperties server,
			List<HttpClientCustomizer> customizers, HttpClientSslConfigurer ssl) {
		return new HttpClientFactory(properties, server, ssl, customizers) {
			@Override
			protected ConnectionProvider buildConnectionProvider(HttpClientProperties settings) {
				return new PoolPerEventLoop(() -> super.buildConnectionProvider(settings));
			}
		};
	}

}
