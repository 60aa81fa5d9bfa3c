package eu.seta.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * HSTS for a gateway whose TLS ends at a proxy in front of it. Spring Security sends HSTS only on requests that
 * reached the gateway over https; behind an ingress they arrive over http with {@code X-Forwarded-Proto: https},
 * which counts here only because the {@link ClientHeaderSanitizer} let it through from a trusted proxy alone.
 */
@Component
class HstsBehindTls implements WebFilter, Ordered {

	static final String HSTS = "Strict-Transport-Security";

	static final String ONE_YEAR = "max-age=31536000 ; includeSubDomains";

	@Override
	public int getOrder() {
		// after the sanitizer has removed what untrusted clients sent
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if ("https".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto"))) {
			exchange.getResponse().beforeCommit(() -> {
				exchange.getResponse().getHeaders().set(HSTS, ONE_YEAR);
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

}
