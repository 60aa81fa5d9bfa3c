package eu.seta.gateway.edge;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers a client receives from a backend, made in the one pass over them: without the backend connection's
 * hop-by-hop headers, with the security headers the backend did not set itself. Spring Cloud Gateway hands this
 * filter the fresh copy it made of the backend's headers, so it changes that copy in place.
 */
@Component
class BackendResponseHeaders implements HttpHeadersFilter, Ordered {

	private final SecurityHeaders securityHeaders;

	BackendResponseHeaders(SecurityHeaders securityHeaders) {
		this.securityHeaders = securityHeaders;
	}

	@Override
	public HttpHeaders filter(HttpHeaders backend, ServerWebExchange exchange) {
		HopByHopHeaders.remove(backend);
		this.securityHeaders.fillIn(backend, exchange);
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
