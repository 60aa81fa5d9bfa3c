package eu.seta.gateway.revocation;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.AbstractRedisClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps this replica's {@link RevocationList} in step with Redis: a Lettuce pub/sub connection of its own on the
 * revocation channel, and a reload of both revocation sets every time the subscription is confirmed, at start and
 * after every reconnect (Lettuce reconnects and resubscribes by itself). Subscribing first and loading second
 * loses nothing: a revocation recorded before the subscription is in the sets, one after it arrives as a
 * message, and applying one twice changes nothing.
 * <p>
 * {@link #isSynced()} is what readiness reports: false from a lost connection until the reload after the next
 * subscription has completed, so a replica that missed messages takes no traffic before it has caught up. Its
 * proxied calls keep working meanwhile, with the revocations it knew.
 */
final class RevocationFeed extends RedisPubSubAdapter<String, String>
		implements SmartInitializingSingleton, DisposableBean, RedisConnectionStateListener {

	private static final Logger log = LoggerFactory.getLogger(RevocationFeed.class);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final LettuceConnectionFactory connections;

	private final ReactiveStringRedisTemplate redis;

	private final RevocationKeys keys;

	private final RevocationList list;

	/** Moves on every subscription and every disconnection; a reload counts only for the epoch it started in. */
	private final AtomicLong epoch = new AtomicLong();

	private volatile long syncedEpoch = -1;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;

	private volatile Disposable retrying = () -> {
	};

	private volatile boolean closing;

	private final Counter reloads;

	RevocationFeed(LettuceConnectionFactory connections, ReactiveStringRedisTemplate redis, RevocationKeys keys,
			RevocationList list, MeterRegistry meters) {
		this.reloads = Counter.builder("seta.revocations.reloads")
			.description("Complete reloads of the revocation list from Redis, one per (re)subscription")
			.register(meters);
		this.connections = connections;
		this.redis = redis;
		this.keys = keys;
		this.list = list;
	}

	/** Connects at start-up, on a thread that may wait; when Redis is not there yet, keeps trying in the background. */
	@Override
	public void afterSingletonsInstantiated() {
		if (!connect()) {
			this.retrying = Flux.interval(RETRY, Schedulers.boundedElastic()).takeUntil((tick) -> connect()).subscribe();
		}
	}

	private boolean connect() {
		AbstractRedisClient client = this.connections.getRequiredNativeClient();
		StatefulRedisPubSubConnection<String, String> opened = null;
		try {
			opened = open(client);
			opened.addListener((RedisPubSubListener<String, String>) this);
			// this connection's own state: a disconnection means messages may be missed from now on
			opened.addListener((RedisConnectionStateListener) this);
			this.connection = opened;
			opened.async().subscribe(this.keys.channel()).get(5, TimeUnit.SECONDS);
			return true;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.warn("Cannot subscribe to revocations yet ({}); readiness stays down until it can", ex.toString());
			if (opened != null) {
				this.connection = null;
				opened.closeAsync();
			}
			return false;
		}
	}

	private static StatefulRedisPubSubConnection<String, String> open(AbstractRedisClient client) {
		if (client instanceof RedisClusterClient cluster) {
			return cluster.connectPubSub(StringCodec.UTF8);
		}
		return ((RedisClient) client).connectPubSub(StringCodec.UTF8);
	}

	/** Whether this replica knows every revocation Redis holds: subscribed, and reloaded since. */
	boolean isSynced() {
		return this.syncedEpoch == this.epoch.get();
	}

	@Override
	public void subscribed(String channel, long count) {
		long current = this.epoch.incrementAndGet();
		log.debug("Subscribed to {}; reloading the revocations", channel);
		// not on this thread, one of Lettuce's few event loops: the reload may have to wait for the shared connection,
		// and the thread opening that one at start-up may need this event loop to finish its handshake (a deadlock
		// first met on Sentinel, where opening a connection takes a lookup connection too)
		Schedulers.boundedElastic().schedule(() -> reload(current));
	}

	@Override
	public void message(String channel, String message) {
		Revocation revocation = Revocation.decode(message);
		if (revocation != null) {
			this.list.apply(revocation);
		}
	}

	@Override
	public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
		// nothing to do: Lettuce resubscribes, and the confirmation reloads
	}

	@Override
	public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
		if (handler == this.connection && !this.closing) {
			this.epoch.incrementAndGet();
			log.warn("Revocation subscription lost; readiness is down until it is back and reloaded");
		}
	}

	@Override
	public void onRedisExceptionCaught(RedisChannelHandler<?, ?> handler, Throwable cause) {
		// the connection's own handling reconnects; the disconnection is what counts
	}

	/** Both sets, whole; tried again after a second while the epoch is still this one (Redis may be flapping). */
	private void reload(long forEpoch) {
		Mono<Long> sessions = load(this.keys.sessions(), (id, at) -> new Revocation.OfSession(id, at));
		Mono<Long> principals = load(this.keys.principals(), (id, at) -> new Revocation.OfPrincipal(id, at));
		sessions.zipWith(principals).subscribe((loaded) -> {
			this.reloads.increment();
			if (this.epoch.get() == forEpoch) {
				this.syncedEpoch = forEpoch;
				log.info("Revocations loaded: {} sessions, {} principals", loaded.getT1(), loaded.getT2());
			}
		}, (failure) -> {
			log.warn("Reloading the revocations failed ({}); retrying", failure.toString());
			Mono.delay(RETRY).filter((tick) -> this.epoch.get() == forEpoch).subscribe((tick) -> reload(forEpoch));
		});
	}

	private Mono<Long> load(String key, java.util.function.BiFunction<String, Long, Revocation> kind) {
		return this.redis.opsForZSet()
			.rangeWithScores(key, Range.unbounded())
			.filter((entry) -> entry.getValue() != null && entry.getScore() != null)
			.doOnNext((ZSetOperations.TypedTuple<String> entry) -> this.list
				.apply(kind.apply(entry.getValue(), entry.getScore().longValue())))
			.count();
	}

	@Override
	public void destroy() {
		this.closing = true;
		this.retrying.dispose();
		StatefulRedisPubSubConnection<String, String> open = this.connection;
		if (open != null) {
			open.close();
		}
	}

}
