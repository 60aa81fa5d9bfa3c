package eu.seta.gateway.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers every answer carries: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY},
 * {@code X-XSS-Protection: 0} (the browser filter is switched off, as current advice says), {@code Referrer-Policy:
 * no-referrer}, and HSTS when the request came over TLS, directly or through a trusted proxy's
 * {@code X-Forwarded-Proto: https}. No {@code Cache-Control}: a proxied answer keeps its backend's caching semantics.
 * <p>
 * The gateway's own answers get them from the edge filter before anything answers. A proxied answer gets them in
 * {@link BackendResponseHeaders}, added to the backend's headers where the backend did not send its own value (which
 * wins, as with Spring Security's header writers): one set of headers written once, not the gateway's written and
 * then taken back.
 */
@Component
class SecurityHeaders {

	static final String HSTS = "Strict-Transport-Security";

	static final String ONE_YEAR = "max-age=31536000 ; includeSubDomains";

	private final TrustedProxies trustedProxies;

	SecurityHeaders(TrustedProxies trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	/** On an answer of the gateway's own, before anything is written. */
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

	/** On a backend's answer: each header the backend did not set itself. */
	void fillIn(HttpHeaders backend, ServerWebExchange exchange) {
		setIfAbsent(backend, "X-Content-Type-Options", "nosniff");
		setIfAbsent(backend, "X-Frame-Options", "DENY");
		setIfAbsent(backend, "X-XSS-Protection", "0");
		setIfAbsent(backend, "Referrer-Policy", "no-referrer");
		if (overTls(exchange.getRequest())) {
			setIfAbsent(backend, HSTS, ONE_YEAR);
		}
	}

	private static void setIfAbsent(HttpHeaders headers, String name, String value) {
		if (!headers.containsHeader(name)) {
			headers.set(name, value);
		}
	}

	private boolean overTls(ServerHttpRequest request) {
		if ("https".equals(request.getURI().getScheme())) {
			return true;
		}
		return this.trustedProxies.isTrusted(request.getRemoteAddress())
				&& "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto"));
	}

}
