package eu.seta.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the backend who is calling, from the verified token, so that backends need no token logic. The client
 * cannot forge these: the {@link ClientHeaderSanitizer} removed every header with this prefix before.
 */
@Component
class IdentityHeaders implements GlobalFilter, Ordered {

	/** After the route's access check, before any route filter the operator configured. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

	private final String prefix;

	IdentityHeaders(EdgeProperties properties) {
		this.prefix = properties.identityHeaderPrefix();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return Caller.of(exchange).map((caller) -> {
			ServerHttpRequest request = exchange.getRequest()
				.mutate()
				.headers((headers) -> headersFor(caller).forEach(headers::set))
				.build();
			return exchange.mutate().request(request).build();
		}).defaultIfEmpty(exchange).flatMap(chain::filter);
	}

	Map<String, String> headersFor(Caller caller) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(this.prefix + "User-Id", caller.userId());
		headers.put(this.prefix + "Provider", caller.provider());
		headers.put(this.prefix + "Username", caller.username());
		headers.put(this.prefix + "Role", caller.role());
		headers.put(this.prefix + "User-Type", caller.userType());
		headers.put(this.prefix + "Token-Id", caller.tokenId());
		return headers;
	}

}
