package eu.seta.gateway.edge;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The table of the gateway's own {@code @RequestMapping} methods (token API, keys, metadata, introspection,
 * sessions, API document), asked only about the gateway's own paths. Spring's dispatcher asks it before Spring Cloud
 * Gateway's routes on every request, and for a proxied path it tried each of the table's mappings in turn before
 * answering "none": 2 % of a proxied call's samples. Every mapping in the table is under an own path, which
 * {@code OwnEndpointsHandlerMappingTests} checks, so the answer for any other path is "none" either way.
 */
final class OwnEndpointsHandlerMapping extends RequestMappingHandlerMapping {

	@Override
	public Mono<HandlerMethod> getHandlerInternal(ServerWebExchange exchange) {
		if (!EdgePaths.isGatewayOwn(exchange.getRequest().getPath().value())) {
			return Mono.empty();
		}
		return super.getHandlerInternal(exchange);
	}

}
