package eu.seta.gateway.support;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where the gateway's caches begin. Caffeine hands its upkeep (eviction, expiry, replaying recorded reads) to
 * {@code ForkJoinPool.commonPool()} by default: a task, and a pool thread woken, after every few reads and every
 * write. The gateway's caches sit on event loops and crypto threads, and their upkeep is a few map operations
 * without I/O or listeners, so it runs on the thread that used the cache, when that thread gets Caffeine's lock
 * without waiting. Measured on the new-token route (a miss and an insert per call): the pool's thread had spent about
 * 16 µs of CPU per call, about 6 % of the call, which the event loops did not take over.
 */
public final class Caches {

	private Caches() {
	}

	public static Caffeine<Object, Object> newBuilder() {
		return Caffeine.newBuilder().executor(Runnable::run);
	}

}
