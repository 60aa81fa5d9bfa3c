package eu.seta.gateway.edge;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A request {@link TokenRefusalBeforeExchange} judged on its head and let through, with the caller its token
 * verified as, handed to the edge's filter for that request's exchange: the filter then neither checks again what
 * the early check already did (header size, path, one Bearer token, no Origin, not a path of the gateway's own) nor
 * verifies the token a second time. Kept on the connection and bound to the request by the identity of its Netty
 * headers, which Reactor Netty's request exposes as they are: a stale hand-over never matches another request.
 */
record TokenVerifiedBeforeExchange(HttpHeaders headers, Caller caller) {

	private static final AttributeKey<TokenVerifiedBeforeExchange> KEY = AttributeKey
		.valueOf("seta.tokenVerifiedBeforeExchange");

	static void handOver(Channel channel, HttpHeaders headers, Caller caller) {
		channel.attr(KEY).set(new TokenVerifiedBeforeExchange(headers, caller));
	}

	/** The caller verified before this request's exchange, taken once; or null. */
	static @Nullable Caller take(ServerHttpRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		if (!(nativeRequest instanceof HttpServerRequest netty) || !(nativeRequest instanceof Connection connection)) {
			return null;
		}
		TokenVerifiedBeforeExchange verified = connection.channel().attr(KEY).getAndSet(null);
		return (verified != null && verified.headers() == netty.requestHeaders()) ? verified.caller() : null;
	}

}
