package eu.seta.gateway.errors;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives the JSON body to an error that something below set as a bare status, without writing a body or throwing:
 * Spring's CORS processing does that (403 for an origin, method or header it refuses, in Spring Security's CORS
 * filter and in every handler mapping). Runs outermost, after the rest of the chain completed; an answer already
 * written, a proxied one included, is never touched.
 */
@Component
class MissingErrorBodies implements WebFilter, Ordered {

	static final ErrorBody CORS_REFUSED = new ErrorBody(ErrorCodes.ACCESS_DENIED,
			"Cross-origin requests from this origin are not allowed.");

	private final ErrorResponses responses;

	MissingErrorBodies(ErrorResponses responses) {
		this.responses = responses;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).then(Mono.defer(() -> {
			ServerHttpResponse response = exchange.getResponse();
			HttpStatusCode status = response.getStatusCode();
			if (response.isCommitted() || status == null || !status.isError()) {
				return Mono.empty();
			}
			return this.responses.write(exchange, status, bodyFor(exchange, status), HttpHeaders.EMPTY);
		}));
	}

	private static ErrorBody bodyFor(ServerWebExchange exchange, HttpStatusCode status) {
		// a bare 403 on a request with an Origin is what a CORS processor leaves behind
		if (status.value() == HttpStatus.FORBIDDEN.value()
				&& exchange.getRequest().getHeaders().containsHeader(HttpHeaders.ORIGIN)) {
			return CORS_REFUSED;
		}
		return ErrorCodes.forStatus(status);
	}

}
