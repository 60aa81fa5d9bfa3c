package eu.seta.gateway.errors;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import eu.seta.gateway.support.Caches;
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

	/** The headers every refusal carries, also those written in Netty's pipeline before an exchange exists. */
	public static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff",
			"X-Frame-Options", "DENY", "X-XSS-Protection", "0", "Referrer-Policy", "no-referrer");

	/** How many distinct bodies are kept serialized: the gateway's own texts are a few dozen. */
	static final int SERIALIZED_BODIES = 256;

	private final JsonMapper jsonMapper;

	/**
	 * Refusals repeat the same few bodies, the edge's at the rate anyone cares to send bad tokens: each is serialized
	 * once. Bounded, as a message may carry a detail of the request (a field given twice names it), and kept by how
	 * often a body is written (Caffeine's TinyLFU), so that a client sending details of its own cannot push the
	 * usual bodies out.
	 */
	private final Cache<ErrorBody, byte[]> serialized = Caches.newBuilder()
		.maximumSize(SERIALIZED_BODIES)
		.build();

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
		// a copy per answer: nothing downstream may write into the one kept
		DataBuffer buffer = response.bufferFactory().wrap(json(body).clone());
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * The body serialized, the kept array itself: for a writer that hands it to the socket untouched (Netty's
	 * pipeline), never to one that may write into it.
	 */
	public byte[] serialized(ErrorBody body) {
		return json(body);
	}

	byte[] json(ErrorBody body) {
		return this.serialized.get(body, this.jsonMapper::writeValueAsBytes);
	}

	long kept() {
		this.serialized.cleanUp();
		return this.serialized.estimatedSize();
	}

	public Mono<Void> write(ServerWebExchange exchange, ApiException refusal) {
		return write(exchange, refusal.status(), refusal.body(), refusal.headers());
	}

}
