package eu.seta.gateway.routes;

import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.edge.EdgeChallenges;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Deny by default: a call that matched a route goes on only with a valid access token, unless the route's
 * metadata says {@code public: true}. A route someone adds without thinking about access is therefore closed.
 */
@Component
class RouteAccessFilter implements GlobalFilter, Ordered {

	static final String PUBLIC = "public";

	private final EdgeChallenges challenges;

	RouteAccessFilter(EdgeChallenges challenges) {
		this.challenges = challenges;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (isPublic(route)) {
			return chain.filter(exchange);
		}
		return (Caller.find(exchange) != null) ? chain.filter(exchange) : this.challenges.missingToken(exchange);
	}

	static boolean isPublic(@Nullable Route route) {
		Object flag = (route != null) ? route.getMetadata().get(PUBLIC) : null;
		return Boolean.TRUE.equals(flag) || "true".equals(flag);
	}

}
