package eu.seta.gateway.errors;

import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's JSON error body; shared by the exception handler and the security entry points so that
 * every refusal looks the same.
 */
@Component
public class ErrorResponses {

	private static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff",
			"X-Frame-Options", "DENY", "X-XSS-Protection", "0", "Referrer-Policy", "no-referrer");

	private final JsonMapper jsonMapper;

	ErrorResponses(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, ErrorBody body, HttpHeaders extra) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.remove(HttpHeaders.CONTENT_LENGTH);
		headers.addAll(extra);
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setCacheControl("no-store");
		// a refusal carries the headers every answer does, whether or not the edge wrote them already
		SECURITY_HEADERS.forEach((name, value) -> {
			if (!headers.containsHeader(name)) {
				headers.set(name, value);
			}
		});
		byte[] json = this.jsonMapper.writeValueAsBytes(body);
		DataBuffer buffer = response.bufferFactory().wrap(json);
		return response.writeWith(Mono.just(buffer));
	}

	public Mono<Void> write(ServerWebExchange exchange, ApiException refusal) {
		return write(exchange, refusal.status(), refusal.body(), refusal.headers());
	}

}
