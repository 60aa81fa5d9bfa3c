package eu.seta.gateway.edge;

import java.util.ArrayDeque;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Hands Reactor Netty one request of a connection at a time: a request pipelined behind another waits here until the
 * answer before it has been written and Reactor Netty has ended that exchange. Reactor Netty 1.3.8 queues a request
 * that arrives after an answer was written but before its exchange ended, and then never takes it from its queue;
 * on epoll the write completes at once, so that window stays shut, but on io_uring the write completes later, and a
 * request pipelined behind any answer the gateway makes itself (a refusal, a 404, the JWKS) waited for the idle
 * timeout (docs/PERFORMANCE.md, the tenth look). One instance per connection, on its event loop.
 */
final class PipelinedRequests extends ChannelDuplexHandler {

	private final ArrayDeque<Object> waiting = new ArrayDeque<>();

	/** From a request handed on until its exchange has ended. */
	private boolean exchangeOpen;

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		boolean aRequest = message instanceof HttpRequest;
		if (!this.waiting.isEmpty() || (aRequest && this.exchangeOpen)) {
			this.waiting.add(message);
			return;
		}
		this.exchangeOpen |= aRequest;
		context.fireChannelRead(message);
	}

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
		if (!endsAnAnswer(message)) {
			context.write(message, promise);
			return;
		}
		ChannelPromise written = promise.unvoid();
		// Reactor Netty ends the exchange in its own listener on this write, which runs after this one: with nothing
		// waiting no read comes between the two, and a request that is waiting is handed on once both have run
		written.addListener((done) -> {
			if (this.waiting.isEmpty()) {
				this.exchangeOpen = false;
			}
			else {
				context.executor().execute(() -> handOnWaiting(context));
			}
		});
		context.write(message, written);
	}

	private static boolean endsAnAnswer(Object message) {
		if (!(message instanceof LastHttpContent)) {
			return false;
		}
		// a 100 Continue is a whole message of its own, before the answer
		return !(message instanceof HttpResponse response)
				|| response.status().codeClass() != HttpStatusClass.INFORMATIONAL;
	}

	/** The next request and what came with it, up to the request after it, in the order they came. */
	private void handOnWaiting(ChannelHandlerContext context) {
		this.exchangeOpen = false;
		if (!context.channel().isActive()) {
			releaseWaiting();
			return;
		}
		Object next;
		while ((next = this.waiting.peek()) != null && !(this.exchangeOpen && next instanceof HttpRequest)) {
			if (next instanceof HttpRequest) {
				this.exchangeOpen = true;
			}
			context.fireChannelRead(this.waiting.poll());
		}
		context.fireChannelReadComplete();
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		releaseWaiting();
		context.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext context) {
		releaseWaiting();
	}

	private void releaseWaiting() {
		Object message;
		while ((message = this.waiting.poll()) != null) {
			ReferenceCountUtil.release(message);
		}
	}

}
