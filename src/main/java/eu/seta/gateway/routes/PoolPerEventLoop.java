package eu.seta.gateway.routes;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.TransportConfig;

/**
 * Backend connections pooled per event loop. A proxied call is read on one of the server's event loops; from one
 * shared pool it mostly left on a connection another loop owns, so its request was handed to that loop and its
 * answer handed back, two hand-overs, each a task queued and often a sleeping thread woken. Reactor Netty opens a
 * connection on the loop that asks for it (its client loops are colocated), so a pool per loop keeps the whole call
 * on one thread. Each pool is Spring Cloud Gateway's own, with its {@code httpclient.pool} settings; a thread that
 * is no event loop gets one pool shared among such threads.
 */
final class PoolPerEventLoop implements ConnectionProvider {

	private final Supplier<ConnectionProvider> newPool;

	private final ConnectionProvider shared;

	private final Set<ConnectionProvider> pools = ConcurrentHashMap.newKeySet();

	private final FastThreadLocal<ConnectionProvider> ofThisLoop = new FastThreadLocal<>() {
		@Override
		protected ConnectionProvider initialValue() {
			return created();
		}
	};

	PoolPerEventLoop(Supplier<ConnectionProvider> newPool) {
		this.newPool = newPool;
		this.shared = created();
	}

	@Override
	public Mono<? extends Connection> acquire(TransportConfig config, ConnectionObserver observer,
			Supplier<? extends SocketAddress> remoteAddress, AddressResolverGroup<?> resolverGroup) {
		return pool().acquire(config, observer, remoteAddress, resolverGroup);
	}

	ConnectionProvider pool() {
		return (Thread.currentThread() instanceof FastThreadLocalThread) ? this.ofThisLoop.get() : this.shared;
	}

	@Override
	public void disposeWhen(SocketAddress address) {
		this.pools.forEach((pool) -> pool.disposeWhen(address));
	}

	@Override
	public Mono<Void> disposeLater() {
		return Flux.fromIterable(this.pools).flatMap(ConnectionProvider::disposeLater).then();
	}

	/** Per pool: each event loop may open this many. */
	@Override
	public int maxConnections() {
		return this.shared.maxConnections();
	}

	@Override
	public Map<SocketAddress, Integer> maxConnectionsPerHost() {
		return this.shared.maxConnectionsPerHost();
	}

	@Override
	public String name() {
		return this.shared.name();
	}

	/** What Reactor Netty builds its HTTP/2 pool from: the settings, as one pool. */
	@Override
	public Builder mutate() {
		return this.shared.mutate();
	}

	private ConnectionProvider created() {
		ConnectionProvider pool = this.newPool.get();
		this.pools.add(pool);
		return pool;
	}

}
