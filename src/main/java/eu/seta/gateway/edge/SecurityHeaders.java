package eu.seta.gateway.edge;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers every answer carries: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY},
 * {@code X-XSS-Protection: 0} (the browser filter is switched off, as current advice says), {@code Referrer-Policy:
 * no-referrer}, and HSTS when the request came over TLS, directly or through a trusted proxy's
 * {@code X-Forwarded-Proto: https}. They are set before anything answers; a backend that sends its own value of one
 * of them keeps it (this class, as a response header filter, drops the gateway's then), as with Spring Security's
 * header writers. No {@code Cache-Control}: a proxied answer keeps its backend's caching semantics.
 */
@Component
class SecurityHeaders implements HttpHeadersFilter, Ordered {

	static final String HSTS = "Strict-Transport-Security";

	static final String ONE_YEAR = "max-age=31536000 ; includeSubDomains";

	private static final List<String> NAMES = List.of("X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection",
			"Referrer-Policy", HSTS);

	private final TrustedProxies trustedProxies;

	SecurityHeaders(TrustedProxies trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	void write(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("X-XSS-Protection", "0");
		headers.set("Referrer-Policy", "no-referrer");
		if (overTls(exchange.getRequest())) {
			headers.set(HSTS, ONE_YEAR);
		}
	}

	private boolean overTls(ServerHttpRequest request) {
		if ("https".equals(request.getURI().getScheme())) {
			return true;
		}
		return this.trustedProxies.isTrusted(request.getRemoteAddress())
				&& "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto"));
	}

	/** A backend's own value wins over the gateway's default, as one value, not two. */
	@Override
	public HttpHeaders filter(HttpHeaders backend, ServerWebExchange exchange) {
		HttpHeaders ours = exchange.getResponse().getHeaders();
		for (String name : NAMES) {
			if (backend.containsHeader(name)) {
				ours.remove(name);
			}
		}
		return backend;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.RESPONSE;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
