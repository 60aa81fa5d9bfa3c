package eu.seta.gateway.edge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Closes a connection whose request headers do not arrive in full within {@code header-timeout} of the request's
 * first byte. Two handlers share the state of one connection: {@link #bytes()} sits before Netty's HTTP codec and
 * arms the deadline when bytes arrive while no request is open; {@link #messages()} sits after it, disarms the
 * deadline when the codec has read a whole request head, and counts a request as closed when its response has been
 * written. An idle connection arms nothing (the idle timeout is for it); a request being answered arms nothing
 * (a pipelined request behind it is not waiting for its headers).
 * <p>
 * The rest of a body the gateway answered before it arrived (a 401 at the edge, a 413) is no head, but it is read
 * only to be dropped: it gets the same time from the answer, and the connection is closed if it has not ended by
 * then, as nginx's {@code lingering_time} does; a body that ends in time leaves the connection to the idle timeout.
 * Without that bound a client could keep a connection by trickling a chunked body behind a refusal, each byte
 * restarting the idle timer. Everything runs on the connection's event loop.
 */
final class HeaderDeadline {

	private final long timeoutNanos;

	/** Requests whose head has arrived and whose response is not yet written. */
	private int open;

	/** Whether the codec has read a request's head but not yet its last content. */
	private boolean bodyUnread;

	private @Nullable ScheduledFuture<?> deadline;

	HeaderDeadline(Duration timeout) {
		this.timeoutNanos = timeout.toNanos();
	}

	ChannelInboundHandlerAdapter bytes() {
		return new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext context, Object message) {
				if (message instanceof ByteBuf && HeaderDeadline.this.open == 0 && !HeaderDeadline.this.bodyUnread) {
					arm(context);
				}
				context.fireChannelRead(message);
			}

			@Override
			public void channelInactive(ChannelHandlerContext context) {
				disarm();
				context.fireChannelInactive();
			}

		};
	}

	ChannelDuplexHandler messages() {
		return new ChannelDuplexHandler() {

			@Override
			public void channelRead(ChannelHandlerContext context, Object message) {
				if (message instanceof HttpRequest) {
					HeaderDeadline.this.open++;
					HeaderDeadline.this.bodyUnread = !(message instanceof LastHttpContent);
					disarm();
				}
				else if (message instanceof LastHttpContent) {
					HeaderDeadline.this.bodyUnread = false;
					if (HeaderDeadline.this.open == 0) {
						// the end of a body already answered: the connection waits for a next request now
						disarm();
					}
				}
				context.fireChannelRead(message);
			}

			@Override
			public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
				if (message instanceof LastHttpContent && !isInterim(message)) {
					// counted when written, not when queued: until then the request is still being answered
					promise = promise.unvoid();
					promise.addListener((written) -> answered(context));
				}
				context.write(message, promise);
			}

		};
	}

	/**
	 * A 1xx answer ({@code 100 Continue}) is a whole message, yet its request goes on: the body it invited may take
	 * far longer than the header deadline (a 1 GB upload with {@code Expect: 100-continue} did).
	 */
	static boolean isInterim(Object message) {
		return message instanceof HttpResponse response
				&& response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
	}

	private void answered(ChannelHandlerContext context) {
		this.open = Math.max(0, this.open - 1);
		if (this.open == 0 && this.bodyUnread) {
			arm(context);
		}
	}

	private void arm(ChannelHandlerContext context) {
		if (this.deadline == null) {
			this.deadline = context.executor()
				.schedule(() -> context.channel().close(), this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void disarm() {
		if (this.deadline != null) {
			this.deadline.cancel(false);
			this.deadline = null;
		}
	}

}
