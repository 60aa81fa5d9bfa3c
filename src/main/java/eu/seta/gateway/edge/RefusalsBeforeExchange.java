package eu.seta.gateway.edge;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import eu.seta.gateway.errors.ErrorBody;
import eu.seta.gateway.errors.ErrorCodes;
import eu.seta.gateway.errors.ErrorResponses;
import eu.seta.gateway.support.TaggedCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers what Netty's HTTP decoder refuses (a request line over {@code server.netty.max-initial-line-length},
 * headers over {@code server.max-http-request-header-size}, bytes that are not HTTP) with the gateway's JSON error
 * body, where Reactor Netty would answer with an empty one: 414, 431 or 400, {@code Connection: close}, then the
 * connection is closed (the decoder decodes nothing more on it). Such a request never becomes an exchange, so no
 * filter or exception handler of WebFlux sees it; this handler sits right behind the codec and answers first.
 * <p>
 * Two requests the decoder passes are refused the same way by Reactor Netty's next handler, before any exchange
 * exists, again with an empty 400: a request line of version {@code HTTP/2.0} (an HTTP/2 client's preface sent as
 * if the server spoke it without TLS), and a {@code Host} header whose port is not a number ({@code x:abc},
 * {@code x:}, {@code [::1}), which Reactor Netty reads with {@code Integer.parseInt}. This handler answers those
 * first, with the same check, so that nothing it lets through fails there.
 * <p>
 * On the public port, a request whose bearer token the edge would refuse is answered here too
 * ({@link TokenRefusalBeforeExchange}), on a connection that stays open, when no earlier request on it is still being
 * answered (otherwise it goes on, and the exchange path answers it in its turn).
 * <p>
 * One instance per connection: a refused request pipelined behind requests still being answered waits for their
 * answers, as Reactor Netty's own answers do, or the client would read the refusal as the answer to an earlier
 * request.
 */
final class RefusalsBeforeExchange extends ChannelDuplexHandler {

	static final ErrorBody LINE_TOO_LONG = new ErrorBody(ErrorCodes.INVALID_REQUEST, "The request line is too long.");

	static final ErrorBody NOT_HTTP = new ErrorBody(ErrorCodes.INVALID_REQUEST, "The request is not valid HTTP.");

	static final ErrorBody BAD_HOST = new ErrorBody(ErrorCodes.INVALID_REQUEST, "The Host header is not valid.");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long LINGER_SECONDS = 2;

	/** The reason a bearer token's refusal is counted under, beside the decoder's own count of why. */
	static final String TOKEN_REFUSED = "bearer_token";

	private final TaggedCounters refusals;

	private final @Nullable TokenRefusalBeforeExchange tokens;

	/** Set while the rest of a request answered here is read: it goes nowhere. */
	private boolean skippingRequest;

	/**
	 * Set once an answer says {@code Connection: close}: Reactor Netty then drops what the client sent after that
	 * request, and nothing may be answered here after it either.
	 */
	private boolean closing;

	/** Requests passed on to Reactor Netty whose answer has not been written yet. */
	private int unanswered;

	/** Set once a request on this connection is refused: nothing read after it goes on. */
	private boolean refused;

	/** The refusal, while answers to requests ahead of it are still to be written. */
	private @Nullable FullHttpResponse held;

	private RefusalsBeforeExchange(TaggedCounters refusals, @Nullable TokenRefusalBeforeExchange tokens) {
		this.refusals = refusals;
		this.tokens = tokens;
	}

	/**
	 * @param server which of the gateway's servers the handlers serve ({@code public} or {@code management}), a tag
	 * of {@code seta.http.refused} beside the reason
	 * @param tokens the edge's refusal of bearer tokens, or {@code null} to leave them all to the exchange
	 * @return a new handler for each connection, all counting into one set of counters
	 */
	static Supplier<RefusalsBeforeExchange> perConnection(MeterRegistry meters, String server,
			@Nullable TokenRefusalBeforeExchange tokens) {
		TaggedCounters refusals = new TaggedCounters(meters, "seta.http.refused", "reason",
				"Requests refused before they became an exchange, by reason", Tags.of("server", server));
		return () -> new RefusalsBeforeExchange(refusals, tokens);
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (this.refused) {
			// the decoder still parses what follows a refused Host header in the same packet or in the linger;
			// Reactor Netty never saw the refusal, so it would run such a request on a connection being closed
			ReferenceCountUtil.release(message);
			return;
		}
		if (this.skippingRequest) {
			this.skippingRequest = !(message instanceof LastHttpContent);
			ReferenceCountUtil.release(message);
			return;
		}
		Refusal refusal = (message instanceof HttpObject http) ? refusal(http) : null;
		if (refusal == null) {
			if (message instanceof HttpRequest request) {
				FullHttpResponse tokenRefusal = tokenRefusal(context, request);
				if (tokenRefusal != null) {
					// only ever a request without a body: what may follow its head is its empty last content
					this.skippingRequest = !(message instanceof LastHttpContent);
					this.refusals.increment(TOKEN_REFUSED);
					ReferenceCountUtil.release(message);
					context.writeAndFlush(tokenRefusal);
					// Reactor Netty reads a connection on demand and asks for the next request once it has answered
					// one; it never saw this one, so the read that follows an answer is this handler's to ask for
					if (!context.channel().config().isAutoRead()) {
						context.read();
					}
					return;
				}
				this.unanswered++;
			}
			context.fireChannelRead(message);
			return;
		}
		this.refused = true;
		this.refusals.increment(refusal.reason());
		if (!(message instanceof HttpRequest) && this.unanswered > 0) {
			// the body of a request already passed on failed to decode: the refusal is that request's answer
			this.unanswered--;
		}
		ReferenceCountUtil.release(message);
		if (!context.channel().isActive()) {
			return;
		}
		if (this.unanswered == 0) {
			answer(context, refusal.response());
		}
		else {
			this.held = refusal.response();
		}
	}

	/**
	 * Only with nothing ahead of it to answer, and a client reading its answers: one that does not would otherwise
	 * make the gateway queue answers without end, where the exchange path waits for each to be written.
	 */
	private @Nullable FullHttpResponse tokenRefusal(ChannelHandlerContext context, HttpRequest request) {
		if (this.tokens == null || this.unanswered > 0 || this.closing || !context.channel().isWritable()) {
			return null;
		}
		try {
			return this.tokens.refusal(request, context.channel());
		}
		catch (RuntimeException unexpected) {
			// the exchange path has the error handling (a JSON 500, a log line): it judges the request again
			return null;
		}
	}

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
		if (message instanceof HttpResponse response && !HeaderDeadline.isInterim(response)
				&& !HttpUtil.isKeepAlive(response)) {
			this.closing = true;
		}
		if (!(message instanceof LastHttpContent) || HeaderDeadline.isInterim(message)) {
			context.write(message, promise);
			return;
		}
		this.unanswered = Math.max(0, this.unanswered - 1);
		context.write(message, promise);
		FullHttpResponse waiting = this.held;
		if (waiting != null && this.unanswered == 0) {
			this.held = null;
			answer(context, waiting);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		FullHttpResponse waiting = this.held;
		if (waiting != null) {
			this.held = null;
			waiting.release();
		}
		context.fireChannelInactive();
	}

	private static void answer(ChannelHandlerContext context, FullHttpResponse response) {
		context.writeAndFlush(response).addListener((written) -> closeLingering(context.channel()));
	}

	/**
	 * Closes after the answer, but lets the client finish sending first, for at most {@link #LINGER_SECONDS}: a
	 * socket closed with unread input answers the client's next bytes with a reset, and a reset can destroy the
	 * answer before the client has read it (a client still sending the rest of a 1 MB header would never see its
	 * 431). Half-closed, the client sees the answer and its end; the decoder discards what still comes.
	 */
	private static void closeLingering(Channel channel) {
		if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
			channel.close();
			return;
		}
		duplex.shutdownOutput();
		channel.eventLoop().schedule(() -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS);
	}

	/** The refusal of a message Netty's decoder or Reactor Netty's next handler would refuse; null for the rest. */
	static @Nullable Refusal refusal(HttpObject http) {
		DecoderResult result = http.decoderResult();
		if (!result.isSuccess()) {
			return Refusal.of(result.cause());
		}
		if (!(http instanceof HttpRequest request)) {
			return null;
		}
		if ("HTTP/2.0".equals(request.protocolVersion().text())) {
			return Refusal.HTTP2_LINE;
		}
		if (!hostPortParses(request.headers().get(HttpHeaderNames.HOST))) {
			return Refusal.BAD_HOST_PORT;
		}
		return null;
	}

	/**
	 * Reactor Netty's reading of the port in {@code Host} ({@code ConnectionInfo.from}): whatever follows the first
	 * colon, or for an IPv6 literal the first colon after {@code ]}, must be an {@code int}.
	 */
	static boolean hostPortParses(@Nullable String host) {
		if (host == null || host.isEmpty()) {
			return true;
		}
		int colon = (host.charAt(0) == '[') ? host.indexOf(':', host.indexOf(']')) : host.indexOf(':');
		if (colon < 0) {
			return true;
		}
		try {
			Integer.parseInt(host, colon + 1, host.length(), 10);
			return true;
		}
		catch (NumberFormatException notAPort) {
			return false;
		}
	}

	/** An answer, and the reason it is counted under in {@code seta.http.refused}. */
	record Refusal(HttpResponseStatus status, ErrorBody body, String reason) {

		static final Refusal LINE = new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, LINE_TOO_LONG,
				"line_too_long");

		static final Refusal HEADERS = new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
				EdgeWebFilter.HEADERS_TOO_LARGE, "headers_too_large");

		static final Refusal GARBLED = new Refusal(HttpResponseStatus.BAD_REQUEST, NOT_HTTP, "not_http");

		static final Refusal HTTP2_LINE = new Refusal(HttpResponseStatus.BAD_REQUEST, NOT_HTTP, "http2_line");

		static final Refusal BAD_HOST_PORT = new Refusal(HttpResponseStatus.BAD_REQUEST, BAD_HOST, "bad_host");

		static Refusal of(Throwable decoderFailure) {
			if (decoderFailure instanceof TooLongHttpLineException) {
				return LINE;
			}
			if (decoderFailure instanceof TooLongHttpHeaderException) {
				return HEADERS;
			}
			return GARBLED;
		}

		FullHttpResponse response() {
			byte[] json = JSON.writeValueAsBytes(this.body);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, this.status,
					Unpooled.wrappedBuffer(json));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
				.set(HttpHeaderNames.CACHE_CONTROL, "no-store")
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			ErrorResponses.SECURITY_HEADERS.forEach(response.headers()::set);
			return response;
		}

	}

}
