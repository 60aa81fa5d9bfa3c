package eu.seta.gateway.edge;

import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs before anything else: removes every header a client could use to pass for someone else. Identity headers
 * ({@code X-Seta-*} by default) are removed in any case and with {@code _} for {@code -}, since some servers
 * (nginx, CGI, WSGI) treat {@code X_Seta_User_Id} as {@code X-Seta-User-Id}. {@code Forwarded},
 * {@code X-Forwarded-*} and {@code X-Real-IP} (nginx's name for the client address, which many backends believe) go
 * too unless the connection comes from a trusted proxy.
 */
@Component
class ClientHeaderSanitizer implements WebFilter, Ordered {

	private static final List<String> FORWARDING = List.of("forwarded", "x-forwarded-", "x-real-ip");

	private final String identityPrefix;

	private final TrustedProxies trustedProxies;

	ClientHeaderSanitizer(EdgeProperties properties, TrustedProxies trustedProxies) {
		this.identityPrefix = normalize(properties.identityHeaderPrefix());
		this.trustedProxies = trustedProxies;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		boolean fromTrustedProxy = this.trustedProxies.isTrusted(request.getRemoteAddress());
		List<String> unwanted = request.getHeaders()
			.headerNames()
			.stream()
			.filter((name) -> isUnwanted(normalize(name), fromTrustedProxy))
			.toList();
		if (unwanted.isEmpty()) {
			return chain.filter(exchange);
		}
		ServerHttpRequest cleaned = request.mutate().headers((headers) -> unwanted.forEach(headers::remove)).build();
		return chain.filter(exchange.mutate().request(cleaned).build());
	}

	private boolean isUnwanted(String name, boolean fromTrustedProxy) {
		if (name.startsWith(this.identityPrefix)) {
			return true;
		}
		return !fromTrustedProxy && FORWARDING.stream().anyMatch(name::startsWith);
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
