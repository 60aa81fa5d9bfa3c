package eu.seta.gateway.edge;

import java.util.List;
import java.util.Map;

import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.errors.ErrorResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses oversized request headers with 431 and the JSON body. Netty's own limit sits far higher
 * ({@code server.max-http-request-header-size}) and answers with an empty body, so this one is what clients meet.
 */
@Component
class RequestHeaderLimit implements WebFilter, Ordered {

	private final int maxBytes;

	private final ErrorResponses errors;

	RequestHeaderLimit(EdgeProperties properties, ErrorResponses errors) {
		this.maxBytes = properties.maxHeaderBytes();
		this.errors = errors;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (size(exchange.getRequest().getHeaders()) > this.maxBytes) {
			return this.errors.write(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
					new ErrorBody(ErrorCodes.INVALID_REQUEST, "The request headers are too large."), HttpHeaders.EMPTY);
		}
		return chain.filter(exchange);
	}

	private static long size(HttpHeaders headers) {
		long bytes = 0;
		for (Map.Entry<String, List<String>> header : headers.headerSet()) {
			for (String value : header.getValue()) {
				// name, ": ", value, CRLF
				bytes += header.getKey().length() + value.length() + 4;
			}
		}
		return bytes;
	}

}
