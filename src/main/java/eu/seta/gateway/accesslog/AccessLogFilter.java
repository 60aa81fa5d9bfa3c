package eu.seta.gateway.accesslog;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.seta.gateway.edge.Caller;
import eu.seta.gateway.edge.ClientAddresses;
import eu.seta.gateway.edge.EdgePaths;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON line per call to a proxied path on the logger {@value #LOGGER}: {@code time} (when the call arrived),
 * {@code route} (null when no route took it: unknown path, or refused by the edge before routing), {@code method},
 * {@code path} (as the client sent it, without the query, which may hold personal data), {@code status} (499 when
 * the client went away first), {@code duration_ms}, {@code principal} (the verified caller's id, null without one),
 * {@code client} (the client address, as for rate limits) and {@code bytes} (of the response body). The gateway's own
 * endpoints are not logged here (their security events are in the audit log).
 * <p>
 * First of all web filters, so that refusals of the edge are logged too; it exists only when
 * {@code seta.edge.access-log.enabled} is true.
 */
final class AccessLogFilter implements WebFilter, Ordered {

	public static final String LOGGER = "seta.access";

	/** The status nginx logs for a client that closed the connection before the answer. */
	static final int CLIENT_CLOSED = 499;

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ClientAddresses clients;

	private final Clock clock;

	private final List<WebExceptionHandler> errorHandlers;

	AccessLogFilter(ClientAddresses clients, Clock clock, List<WebExceptionHandler> errorHandlers) {
		this.clients = clients;
		this.clock = clock;
		this.errorHandlers = List.copyOf(errorHandlers);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().value();
		if (EdgePaths.isGatewayOwn(path) || !log.isInfoEnabled()) {
			return chain.filter(exchange);
		}
		Instant time = this.clock.instant();
		long start = System.nanoTime();
		CountingResponse response = new CountingResponse(exchange.getResponse());
		ServerWebExchange counted = exchange.mutate().response(response).build();
		return handleErrors(chain.filter(counted), counted).doFinally((signal) -> {
			try {
				write(counted, time, path, start, signal, response.bytes);
			}
			catch (RuntimeException ex) {
				// a log line never fails a call
				log.debug("Access log line not written", ex);
			}
		});
	}

	/**
	 * A failure (a backend that does not answer, a refusal thrown as an exception) answered here by the gateway's
	 * exception handlers, as WebFlux would answer it after every filter: so that this line has the status and bytes
	 * the client got. The handlers are WebFlux's own list, in their order.
	 */
	private Mono<Void> handleErrors(Mono<Void> completion, ServerWebExchange exchange) {
		Mono<Void> handled = completion;
		for (WebExceptionHandler handler : this.errorHandlers) {
			handled = handled.onErrorResume((failure) -> handler.handle(exchange, failure));
		}
		return handled;
	}

	private void write(ServerWebExchange exchange, Instant time, String path, long start, SignalType signal,
			long bytes) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Caller caller = Caller.find(exchange);
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		Map<String, @Nullable Object> line = new LinkedHashMap<>();
		line.put("time", time.toString());
		line.put("route", (route != null) ? route.getId() : null);
		line.put("method", exchange.getRequest().getMethod().name());
		line.put("path", path);
		line.put("status", (signal == SignalType.CANCEL) ? CLIENT_CLOSED : (status != null) ? status.value() : 200);
		line.put("duration_ms", Math.round((System.nanoTime() - start) / 1_000.0) / 1_000.0);
		line.put("principal", (caller != null) ? caller.userId() : null);
		line.put("client", this.clients.of(exchange.getRequest()));
		line.put("bytes", bytes);
		var builder = log.atInfo();
		for (Map.Entry<String, @Nullable Object> field : line.entrySet()) {
			builder = builder.addKeyValue(field.getKey(), field.getValue());
		}
		builder.log(JSON.writeValueAsString(line));
	}

	/** Counts the bytes of the body as they are written, whoever writes them (a backend's answer, a refusal). */
	private static final class CountingResponse extends ServerHttpResponseDecorator {

		private volatile long bytes;

		CountingResponse(ServerHttpResponse delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return super.writeWith(Flux.from(body).doOnNext(this::count));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return super.writeAndFlushWith(Flux.from(body).map((part) -> Flux.from(part).doOnNext(this::count)));
		}

		private void count(DataBuffer buffer) {
			this.bytes += buffer.readableByteCount();
		}

	}

}
