package eu.seta.gateway.session;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.support.AsyncConnectionPoolSupport;
import io.lettuce.core.support.BoundedAsyncPool;
import io.lettuce.core.support.BoundedPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * {@code wait-replicas} of 1 or more: each script runs on a connection borrowed for it alone, and {@code WAIT n}
 * follows on the same connection, so that it waits for exactly this client's writes. On Redis Cluster that
 * connection is the one to the master holding the script's keys (all keys of a script share a hash slot): a
 * {@code WAIT} anywhere else would count another master's replicas and answer at once. A Lua script cannot call
 * {@code WAIT} itself, and on the shared connection a {@code WAIT} would hold every other command queued behind it
 * for as long as the replicas take, so the connections are a pool of their own (Lettuce's).
 * <p>
 * When fewer replicas acknowledge within what is left of the command timeout, the write stays on the master
 * ({@code WAIT} cannot undo it) but the caller fails: the token API answers 503 and hands out no token that a
 * failover could lose. A connection goes back to the pool only when Redis has answered, never while its
 * {@code WAIT} is still blocking it, so no later write queues behind it.
 */
final class AcknowledgedScripts implements StoreScripts, SmartInitializingSingleton, DisposableBean {

	/** Writes in flight at once per gateway replica; each holds its connection for one script and one WAIT. */
	static final int CONNECTIONS = 16;

	/** Opened at start-up; the rest as writes ask for them. */
	private static final int OPENED_AT_START = 4;

	private static final Duration BUSY_RETRY = Duration.ofMillis(2);

	private static final Logger log = LoggerFactory.getLogger(AcknowledgedScripts.class);

	private final AbstractRedisClient client;

	private final BoundedAsyncPool<StatefulConnection<String, String>> connections;

	private final int replicas;

	private final Duration timeout;

	AcknowledgedScripts(AbstractRedisClient client, int replicas, Duration commandTimeout) {
		if (replicas < 1) {
			throw new IllegalArgumentException("replicas must be 1 or more, was " + replicas);
		}
		this.client = client;
		this.replicas = replicas;
		this.timeout = commandTimeout;
		this.connections = AsyncConnectionPoolSupport.createBoundedObjectPool(() -> connect(client),
				BoundedPoolConfig.builder().maxTotal(CONNECTIONS).maxIdle(CONNECTIONS).minIdle(0).build(), false);
	}

	/**
	 * Opening a connection blocks (a cluster client may first have to read the topology), so not on the caller's
	 * thread, which is an event loop.
	 */
	private static CompletionStage<StatefulConnection<String, String>> connect(AbstractRedisClient client) {
		return Mono.<StatefulConnection<String, String>>fromCallable(() -> (client instanceof RedisClusterClient cluster)
				? cluster.connect(StringCodec.UTF8) : ((RedisClient) client).connect(StringCodec.UTF8))
			.subscribeOn(Schedulers.boundedElastic())
			.toFuture();
	}

	/**
	 * Opens a few connections before the first login needs one: opening one blocks (on Sentinel it asks a Sentinel
	 * first) and took more than the 500 ms command timeout on a loaded machine, so the first logins answered 503.
	 * When Redis is not there yet they open on first use instead.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		Flux.range(0, OPENED_AT_START)
			.flatMap((i) -> Mono.fromFuture(this.connections::acquire), OPENED_AT_START)
			.collectList()
			.subscribe((opened) -> opened.forEach(this.connections::release),
					(failure) -> log.debug("Connections for acknowledged writes not opened yet: {}", failure.toString()));
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Mono<T> run(LuaScript<T> script, List<String> keys, List<String> args) {
		return Mono.defer(() -> {
			long deadline = System.nanoTime() + this.timeout.toNanos();
			String[] keyArray = keys.toArray(String[]::new);
			String[] argArray = args.toArray(String[]::new);
			return borrow().flatMap((connection) -> {
				CompletableFuture<Object> done = onOneConnection(connection, script, keyArray, argArray, deadline);
				done.whenComplete((reply, failure) -> this.connections.release(connection));
				// not cancelled with the timeout below: the connection is released when Redis has answered
				return Mono.fromFuture(done, true).map((reply) -> (T) reply);
			});
		}).timeout(this.timeout);
	}

	/** A free connection; while all are busy, tried again shortly until the operation's timeout gives up. */
	private Mono<StatefulConnection<String, String>> borrow() {
		return Mono.fromFuture(this.connections::acquire)
			.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, BUSY_RETRY)
				.filter((failure) -> failure instanceof NoSuchElementException))
			.doOnDiscard(StatefulConnection.class, this.connections::release);
	}

	private CompletableFuture<Object> onOneConnection(StatefulConnection<String, String> connection,
			LuaScript<?> script, String[] keys, String[] args, long deadline) {
		return master(connection, keys[0]).thenCompose((commands) -> evaluate(commands, script, keys, args)
			.thenCompose((reply) -> commands
				.waitForReplication(this.replicas, waitMillis(deadline, commands.getStatefulConnection().getTimeout()))
				.thenApply((acknowledged) -> {
					if (acknowledged < this.replicas) {
						throw new NotAcknowledgedException(acknowledged, this.replicas, this.timeout);
					}
					return reply;
				})))
			.whenComplete((reply, failure) -> {
				if (failure != null && isRedirect(failure) && this.client instanceof RedisClusterClient cluster) {
					// this node no longer holds the slot: learn the new layout for the next call
					cluster.refreshPartitionsAsync();
				}
			});
	}

	/** The commands of the connection itself, or on Redis Cluster of its link to the master of the key's slot. */
	@SuppressWarnings("unchecked")
	private static CompletableFuture<RedisAsyncCommands<String, String>> master(
			StatefulConnection<String, String> connection, String key) {
		if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
			int slot = SlotHash.getSlot(key);
			RedisClusterNode master = cluster.getPartitions().getMasterBySlot(slot);
			if (master == null) {
				return CompletableFuture.failedFuture(new IllegalStateException("No Redis master serves slot " + slot));
			}
			return ((StatefulRedisClusterConnection<String, String>) cluster).getConnectionAsync(master.getNodeId())
				.thenApply(StatefulRedisConnection::async);
		}
		return CompletableFuture.completedFuture(((StatefulRedisConnection<String, String>) connection).async());
	}

	/** By digest; a server that does not know the script yet (a new master after a failover) gets its text once. */
	private static CompletableFuture<Object> evaluate(RedisAsyncCommands<String, String> commands, LuaScript<?> script,
			String[] keys, String[] args) {
		return commands.<Object>evalsha(script.script().getSha1(), script.output(), keys, args)
			.toCompletableFuture()
			.exceptionallyCompose((failure) -> (unwrap(failure) instanceof RedisNoScriptException)
					? commands.<Object>eval(script.script().getScriptAsString(), script.output(), keys, args)
						.toCompletableFuture()
					: CompletableFuture.failedFuture(unwrap(failure)));
	}

	/**
	 * WAIT's own timeout: what is left of the operation's budget, and less than the connection's command timeout
	 * ({@code seta.store.redis.command-timeout}), so that Redis answers "not enough replicas" before Lettuce gives up
	 * on the command. Never 0, which would mean "wait forever".
	 */
	private static long waitMillis(long deadline, Duration commandTimeout) {
		long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
		return Math.max(1, Math.min(remaining, commandTimeout.toMillis() * 9 / 10));
	}

	private static boolean isRedirect(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause instanceof RedisCommandExecutionException && cause.getMessage() != null
				&& (cause.getMessage().startsWith("MOVED") || cause.getMessage().startsWith("ASK"));
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	@Override
	public void destroy() {
		this.connections.closeAsync();
	}

	/** Fewer replicas than required acknowledged the write in time. */
	static final class NotAcknowledgedException extends RuntimeException {

		NotAcknowledgedException(long acknowledged, int required, Duration timeout) {
			super(acknowledged + " of " + required + " required Redis replicas acknowledged the write within "
					+ timeout.toMillis() + " ms");
		}

	}

}
