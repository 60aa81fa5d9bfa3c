package eu.seta.gateway.edge;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;
import reactor.netty.resources.LoopResources;

/**
 * The transport under the public port and the calls to backends. With {@code auto} it is Reactor Netty's own
 * choice: io_uring where the kernel and the container's seccomp profile allow it (its jar is on the class path),
 * else epoll. io_uring took a third of the CPU of a proxied call away here (docs/PERFORMANCE.md, the tenth look):
 * most of that call's CPU was system calls, four {@code epoll_ctl} among them. With {@code epoll} the gateway runs
 * both on event loops of its own that use epoll, for a kernel whose io_uring a deployment does not trust.
 */
final class EdgeTransport {

	enum Choice {

		AUTO, EPOLL

	}

	private final String name;

	private final @Nullable LoopResources loops;

	private EdgeTransport(String name, @Nullable LoopResources loops) {
		this.name = name;
		this.loops = loops;
	}

	static EdgeTransport of(Choice choice) {
		if (choice == Choice.EPOLL) {
			if (!Epoll.isAvailable()) {
				throw new IllegalStateException("seta.edge.connection.transport=epoll, but epoll is not available here: "
						+ Epoll.unavailabilityCause());
			}
			return new EdgeTransport("epoll", new EpollLoops(LoopResources.DEFAULT_IO_WORKER_COUNT));
		}
		return new EdgeTransport(reactorNettysChoice(), null);
	}

	/** What Reactor Netty's default loops run on: its order of preference, where each is available. */
	private static String reactorNettysChoice() {
		if (!LoopResources.DEFAULT_NATIVE) {
			return "nio";
		}
		if (IoUring.isAvailable()) {
			return "io_uring";
		}
		return Epoll.isAvailable() ? "epoll" : "nio";
	}

	String name() {
		return this.name;
	}

	/** The loops to run on, or none for Reactor Netty's default ones. */
	@Nullable LoopResources loops() {
		return this.loops;
	}

	Map<String, Object> info() {
		return Map.of("transport", this.name);
	}

	/** At context close, after the servers have stopped: the loops end on their own, nothing waits for them. */
	void dispose() {
		if (this.loops != null) {
			this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).subscribe();
		}
	}

	/**
	 * Event loops on epoll whichever transport Reactor Netty would prefer, one group for the server and, colocated,
	 * for the backends: a call to a backend opens its connection on the loop that read the request, as on Reactor
	 * Netty's own loops (the backend pools per event loop rely on it). Their threads are Netty's fast-thread-local
	 * threads and Reactor's {@link NonBlocking}, as Reactor Netty's are, so that a blocking call on them is refused
	 * (and found by the BlockHound tests) the same way.
	 */
	private static final class EpollLoops implements LoopResources {

		private final EventLoopGroup server;

		private final EventLoopGroup client;

		EpollLoops(int threads) {
			this.server = new MultiThreadIoEventLoopGroup(threads, new LoopThreads(), EpollIoHandler.newFactory());
			this.client = LoopResources.colocate(this.server);
		}

		@Override
		public EventLoopGroup onServer(boolean useNative) {
			return this.server;
		}

		@Override
		public EventLoopGroup onClient(boolean useNative) {
			return this.client;
		}

		@Override
		public boolean isDisposed() {
			return this.server.isTerminated();
		}

		@Override
		public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
			return Mono.create((sink) -> this.server
				.shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
				.addListener((done) -> sink.success()));
		}

	}

	private static final class LoopThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new LoopThread(task, "reactor-http-epoll-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	private static final class LoopThread extends FastThreadLocalThread implements NonBlocking {

		LoopThread(Runnable task, String name) {
			super(task, name);
		}

	}

}
