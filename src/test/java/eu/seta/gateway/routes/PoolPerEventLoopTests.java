package eu.seta.gateway.routes;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.resolver.AddressResolverGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.TransportConfig;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event loop takes its backend connections from a pool of its own; other threads share one. */
class PoolPerEventLoopTests {

	private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);

	private final List<CountingPool> created = new CopyOnWriteArrayList<>();

	private final PoolPerEventLoop pools = new PoolPerEventLoop(() -> {
		CountingPool pool = new CountingPool();
		this.created.add(pool);
		return pool;
	});

	@AfterEach
	void stop() {
		this.loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void aLoopAcquiresFromItsOwnPoolEveryTime() throws Exception {
		EventLoop first = this.loops.next();
		EventLoop second = this.loops.next();
		assertThat(first).isNotSameAs(second);

		ConnectionProvider firstPool = on(first, this.pools::pool);
		ConnectionProvider secondPool = on(second, this.pools::pool);

		assertThat(on(first, this.pools::pool)).isSameAs(firstPool);
		assertThat(secondPool).isNotSameAs(firstPool);
		assertThat(this.pools.pool()).as("the test's thread is no event loop").isNotIn(firstPool, secondPool);
		assertThat(this.pools.pool()).isSameAs(this.pools.pool());
		assertThat(this.created).hasSize(3);
	}

	@Test
	void acquiringGoesToTheCallingLoopsPool() throws Exception {
		EventLoop loop = this.loops.next();
		on(loop, () -> this.pools.acquire(null, null, null, null));
		on(loop, () -> this.pools.acquire(null, null, null, null));
		this.pools.acquire(null, null, null, null);

		CountingPool loopsPool = (CountingPool) on(loop, this.pools::pool);
		CountingPool shared = (CountingPool) this.pools.pool();
		assertThat(loopsPool.acquired).hasValue(2);
		assertThat(shared.acquired).hasValue(1);
	}

	@Test
	void disposingDisposesEveryPool() throws Exception {
		on(this.loops.next(), this.pools::pool);
		on(this.loops.next(), this.pools::pool);

		this.pools.disposeLater().block();

		assertThat(this.created).hasSize(3).allSatisfy((pool) -> assertThat(pool.disposed).hasValue(1));
	}

	private static <T> T on(EventLoop loop, Supplier<T> work) throws Exception {
		return loop.submit(work::get).get(5, TimeUnit.SECONDS);
	}

	private static final class CountingPool implements ConnectionProvider {

		final AtomicInteger acquired = new AtomicInteger();

		final AtomicInteger disposed = new AtomicInteger();

		@Override
		public Mono<? extends Connection> acquire(TransportConfig config, ConnectionObserver observer,
				Supplier<? extends SocketAddress> remoteAddress, AddressResolverGroup<?> resolverGroup) {
			this.acquired.incrementAndGet();
			return Mono.empty();
		}

		@Override
		public Mono<Void> disposeLater() {
			return Mono.fromRunnable(this.disposed::incrementAndGet);
		}

	}

}
