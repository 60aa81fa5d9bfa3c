package eu.seta.gateway.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Makes a request line that no {@link URI} can hold reach the gateway's own checks, so that its refusal is JSON too.
 * <p>
 * WebFlux builds a {@code java.net.URI} from the request target; a character a URI may not hold raw (a backslash,
 * {@code |}, {@code {}, a {@code %} without two hex digits...) makes that throw, and Spring's
 * {@code ReactorHttpHandlerAdapter} then answers 400 with an empty body before any filter or exception handler of
 * the gateway runs: no hook of WebFlux or Spring Boot sees such a request. So a handler behind Netty's HTTP decoder
 * percent-encodes those characters first, as a browser would have sent them. The firewall then refuses what it
 * refuses encoded ({@code \} becomes {@code %5C}, a stray {@code %} becomes {@code %25}) with the gateway's JSON
 * body, and the rest is routed as if the client had encoded it. A target that parses is never touched.
 */
@Configuration(proxyBeanMethods = false)
class RequestTargetEncoding {

	private static final String HANDLER = "seta.requestTargetEncoder";

	@Bean
	NettyServerCustomizer requestTargetEncoder() {
		return (server) -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, Encoder.INSTANCE);
			}
		});
	}

	/**
	 * The request target as a URI would hold it: unchanged when it parses, otherwise with every character outside
	 * RFC 3986's unreserved, sub-delims, {@code : @ / ?} and well-formed {@code %XX} percent-encoded. Netty reads the
	 * request line as ISO-8859-1, so a character up to U+00FF is the byte the client sent.
	 */
	static String encode(String target) {
		if (parses(target)) {
			return target;
		}
		StringBuilder encoded = new StringBuilder(target.length() + 16);
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			if (isAllowed(c) || (c == '%' && isHex(target, i + 1) && isHex(target, i + 2))) {
				encoded.append(c);
			}
			else if (c <= 0xFF) {
				appendEscaped(encoded, c);
			}
			else {
				for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
					appendEscaped(encoded, b & 0xFF);
				}
			}
		}
		return encoded.toString();
	}

	private static boolean parses(String target) {
		for (int i = 0; i < target.length(); i++) {
			// the common case is decided without building a URI: nothing but characters a URI always holds
			if (!isAllowed(target.charAt(i))) {
				return parsesAsUri(target);
			}
		}
		return true;
	}

	private static boolean parsesAsUri(String target) {
		try {
			// as WebFlux reads it: appended to scheme and authority
			new URI("http://localhost" + target);
			return true;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
	}

	private static boolean isHex(String text, int index) {
		if (index >= text.length()) {
			return false;
		}
		char c = text.charAt(index);
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static void appendEscaped(StringBuilder out, int b) {
		out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
			.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
	}

	/** Rewrites the request line of each request in place; holds no state, so one instance serves every channel. */
	@ChannelHandler.Sharable
	static final class Encoder extends ChannelInboundHandlerAdapter {

		static final Encoder INSTANCE = new Encoder();

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof HttpRequest request) {
				String target = request.uri();
				String encoded = encode(target);
				if (!encoded.equals(target)) {
					request.setUri(encoded);
				}
			}
			context.fireChannelRead(message);
		}

	}

}
