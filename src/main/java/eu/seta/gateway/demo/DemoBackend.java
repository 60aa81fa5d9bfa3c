package eu.seta.gateway.demo;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the platform's backends on the loopback interface: answers every request with 200 and a JSON
 * echo of what it received (method, path, and the identity headers the gateway wrote), so that a newcomer sees the
 * edge at work without running SeTA's services. Started with the gateway under the profile {@code demo}
 * (config/application-demo.yml points the default routes at it); nothing of it exists otherwise.
 */
final class DemoBackend implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DemoBackend.class);

	private final int port;

	private final String identityPrefix;

	private final JsonMapper json;

	private volatile @Nullable DisposableServer server;

	DemoBackend(int port, String identityPrefix, JsonMapper json) {
		this.port = port;
		this.identityPrefix = identityPrefix.toLowerCase(Locale.ROOT);
		this.json = json;
	}

	@Override
	public void start() {
		DisposableServer started = HttpServer.create()
			.bindAddress(() -> new InetSocketAddress("127.0.0.1", this.port))
			.handle(this::answer)
			.bindNow();
		this.server = started;
		logger.warn("Demo backend (profile 'demo', for a developer's laptop only) answering on " + started.address());
	}

	@Override
	public void stop() {
		DisposableServer running = this.server;
		if (running != null) {
			running.disposeNow();
			this.server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/** Before the gateway's web server, so that routes reach it from the first request on. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		Map<String, String> caller = new LinkedHashMap<>();
		request.requestHeaders().forEach((header) -> {
			if (header.getKey().toLowerCase(Locale.ROOT).startsWith(this.identityPrefix)) {
				caller.put(header.getKey(), header.getValue());
			}
		});
		Map<String, Object> echo = new LinkedHashMap<>();
		echo.put("backend", "seta-gateway demo stand-in");
		echo.put("method", request.method().name());
		echo.put("uri", request.uri());
		echo.put("caller", caller);
		byte[] body = this.json.writeValueAsBytes(echo);
		// the body of the request is read and dropped, so that POSTs complete as with a real backend
		return request.receive()
			.then(response.status(200)
				.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendByteArray(Mono.just(body))
				.then());
	}

}
