package eu.seta.gateway.edge;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.Connection;

/**
 * A token {@link TokenRefusalBeforeExchange} verified on a request's head, handed to the edge's filter for the
 * exchange of that request, so that a new token's signature is checked once, not once on each side. Kept on the
 * connection: the early check judges a request only when none before it is unanswered, so the next exchange on the
 * connection is that request's, and the filter takes it only for the very token it verified.
 */
record TokenVerifiedBeforeExchange(String token, Caller caller) {

	private static final AttributeKey<TokenVerifiedBeforeExchange> KEY = AttributeKey
		.valueOf("seta.tokenVerifiedBeforeExchange");

	static void handOver(Channel channel, String token, Caller caller) {
		channel.attr(KEY).set(new TokenVerifiedBeforeExchange(token, caller));
	}

	/** The caller verified before the exchange for this token on the request's connection, taken once; or null. */
	static @Nullable Caller take(ServerHttpRequest request, String token) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		if (!(nativeRequest instanceof Connection connection)) {
			return null;
		}
		TokenVerifiedBeforeExchange verified = connection.channel().attr(KEY).getAndSet(null);
		return (verified != null && verified.token().equals(token)) ? verified.caller() : null;
	}

}
