package eu.seta.gateway.edge;

import java.util.List;
import java.util.Map;

import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.errors.ErrorResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/**
 * The edge's refusal of a bearer token, decided on the request head as Netty's decoder hands it over, before Reactor
 * Netty and WebFlux make an exchange of it. The answer is the one {@link EdgeWebFilter} gives (status,
 * {@code WWW-Authenticate}, the JSON body, the headers every refusal carries), from the same
 * {@link AccessTokenDecoder}, counted under the same reasons. A token nobody can use then costs the gateway the
 * decoder's checks and one written answer, not an exchange, a filter chain and a reactive pipeline each: what lets a
 * flood of made-up tokens pass beside valid calls without slowing them (docs/TESTING.md).
 * <p>
 * Only a request whose answer nothing else could decide first is judged here; every other one goes on unread to the
 * exchange, whose filter judges its token as before: a path of the gateway's own (its token API reads refresh tokens
 * as bearer tokens), a target that is not plain ASCII letters, digits, {@code -._~/?&=} or that the firewall refuses,
 * a query naming {@code access_token}, a {@code Host} other than a name or IPv4 address with an optional port, a
 * cross-origin request ({@code Origin}: CORS answers first), a body or the
 * promise of one ({@code Content-Length}, {@code Transfer-Encoding}, {@code Expect}), an {@code Upgrade}, a
 * connection the client does not keep alive, headers over {@code seta.edge.max-header-bytes}, more than one
 * {@code Authorization} header or another scheme. A token the decoder accepts goes on too, with its caller handed
 * to the filter, which then repeats none of these checks and only checks revocation again.
 */
final class TokenRefusalBeforeExchange {

	private static final String SCHEME = "Bearer";

	private static final boolean[] PLAIN_TARGET = plainTargetTable();

	private final AccessTokenDecoder decoder;

	private final ErrorResponses errors;

	private final int maxHeaderBytes;

	TokenRefusalBeforeExchange(AccessTokenDecoder decoder, ErrorResponses errors, int maxHeaderBytes) {
		this.decoder = decoder;
		this.errors = errors;
		this.maxHeaderBytes = maxHeaderBytes;
	}

	/**
	 * @return the answer to the request, or {@code null} when it goes on to the exchange; a token verified here is
	 * handed to the exchange's filter on the connection ({@link TokenVerifiedBeforeExchange})
	 */
	@Nullable FullHttpResponse refusal(HttpRequest request, Channel channel) {
		String authorization = judgedHere(request);
		if (authorization == null) {
			return null;
		}
		try {
			String token = BearerTokenExtractor.credentials(authorization);
			Caller caller = this.decoder.verify(token);
			if (caller != AccessTokenDecoder.EXTERNAL) {
				TokenVerifiedBeforeExchange.handOver(channel, request.headers(), caller);
			}
			return null;
		}
		catch (BearerRefusal refusal) {
			return answer(refusal);
		}
	}

	/** The request's one {@code Authorization: Bearer} value, when nothing but its token decides the answer. */
	private @Nullable String judgedHere(HttpRequest request) {
		HttpMethod method = request.method();
		if (request.protocolVersion() != HttpVersion.HTTP_1_1 || !(method == HttpMethod.GET
				|| method == HttpMethod.DELETE || method == HttpMethod.POST || method == HttpMethod.PUT
				|| method == HttpMethod.PATCH)) {
			return null;
		}
		HttpHeaders headers = request.headers();
		if (headers.contains(HttpHeaderNames.ORIGIN) || headers.contains(HttpHeaderNames.CONTENT_LENGTH)
				|| headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || headers.contains(HttpHeaderNames.EXPECT)
				|| headers.contains(HttpHeaderNames.UPGRADE)
				|| headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
			return null;
		}
		String target = request.uri();
		if (!isPlainHost(headers.get(HttpHeaderNames.HOST)) || !isPlainTarget(target)) {
			return null;
		}
		int query = target.indexOf('?');
		String path = (query < 0) ? target : target.substring(0, query);
		if (EdgePaths.isGatewayOwn(path) || !RequestFirewall.acceptsPath(path)
				|| (query >= 0 && target.indexOf("access_token", query) >= 0)) {
			return null;
		}
		List<String> authorization = headers.getAll(HttpHeaderNames.AUTHORIZATION);
		if (authorization.size() != 1 || !authorization.get(0).regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| EdgeWebFilter.headerBytes(headers) > this.maxHeaderBytes) {
			return null;
		}
		return authorization.get(0);
	}

	/** EdgeChallenges' answer, written as Netty writes it. */
	private FullHttpResponse answer(BearerRefusal refusal) {
		byte[] json = this.errors.serialized(new ErrorBody(refusal.errorCode(), refusal.getMessage()));
		// the kept array itself: nothing between here and the socket writes into a response's content
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(refusal.status().value()), Unpooled.wrappedBuffer(json));
		// the names spelled as the exchange path spells them
		HttpHeaders headers = response.headers()
			.set("WWW-Authenticate", EdgeChallenges.challenge(refusal.errorCode(), refusal.getMessage()))
			.set("Content-Type", HttpHeaderValues.APPLICATION_JSON)
			.set("Cache-Control", "no-store")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
		for (Map.Entry<String, String> header : ErrorResponses.SECURITY_HEADERS.entrySet()) {
			headers.set(header.getKey(), header.getValue());
		}
		return response;
	}

	/**
	 * A host name or IPv4 address, with or without a port. WebFlux builds the request's URI from it, and a bracketed
	 * host that is not an IPv6 literal ({@code [1:2]}) fails that with an empty 400 before any filter runs.
	 */
	static boolean isPlainHost(@Nullable String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		int colon = host.indexOf(':');
		int end = (colon < 0) ? host.length() : colon;
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			boolean allowed = (i < end) ? ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| c == '.' || c == '-') : (i == end || (c >= '0' && c <= '9'));
			if (!allowed) {
				return false;
			}
		}
		return end > 0 && (colon < 0 || colon < host.length() - 1);
	}

	/** A target starting with '/' of RFC 3986's unreserved characters, '/', '?', '&' and '=' only. */
	static boolean isPlainTarget(String target) {
		if (target.isEmpty() || target.charAt(0) != '/') {
			return false;
		}
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			if (c >= 128 || !PLAIN_TARGET[c]) {
				return false;
			}
		}
		return true;
	}

	private static boolean[] plainTargetTable() {
		boolean[] table = new boolean[128];
		for (char c : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?&=".toCharArray()) {
			table[c] = true;
		}
		return table;
	}

}
