package eu.seta.gateway.routes;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's handler mapping, finding a request's route as it does (its lookup, line for line: the
 * first route in order whose predicate holds), but with a {@code filterWhen} buffer of one route instead of
 * Reactor's default of 256. The operator allocates that buffer on every call and, when the lookup ends, clears each
 * slot with an atomic exchange: 1.4 µs of a reused-token call's 80 µs of CPU in a profile. It tests the routes one
 * after the other either way, so a larger buffer only holds routes it has not reached yet.
 */
final class RouteLookup extends RoutePredicateHandlerMapping {

	private final RouteLocator routes;

	RouteLookup(FilteringWebHandler webHandler, RouteLocator routes, GlobalCorsProperties cors,
			Environment environment) {
		super(webHandler, routes, cors, environment);
		this.routes = routes;
	}

	@Override
	protected Mono<Route> lookupRoute(ServerWebExchange exchange) {
		return this.routes.getRoutes().filterWhen((route) -> {
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
			return route.getPredicate().apply(exchange);
		}, 1).next().map((route) -> {
			validateRoute(route, exchange);
			return route;
		});
	}

}
