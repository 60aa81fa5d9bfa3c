package eu.seta.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import eu.seta.gateway.support.Caches;
import eu.seta.gateway.support.ClockTicker;
import reactor.core.publisher.Mono;

/**
 * The sessions store of a single gateway instance, in Caffeine caches. Each operation is one atomic map operation
 * ({@code compute}, {@code putIfAbsent}, {@code remove}). Every entry expires at its own deadline and both maps
 * are bounded: under a flood the least valuable entries are evicted (a user then logs in again), memory is not.
 * Several replicas cannot share it: that is what the Redis store is for.
 */
final class InMemorySessionStore implements SessionStore {

	private final Cache<SessionKey, Session> sessions;

	private final Cache<String, Instant> proofs;

	InMemorySessionStore(Clock clock, long maxSessions, long maxProofRecords) {
		Ticker ticker = ClockTicker.of(clock);
		this.sessions = Caches.newBuilder()
			.maximumSize(maxSessions)
			.ticker(ticker)
			.expireAfter(Expiry.writing((SessionKey key, Session session) -> ClockTicker.remaining(clock,
					min(session.idleExpiresAt(), session.absoluteExpiresAt()))))
			.build();
		this.proofs = Caches.newBuilder()
			.maximumSize(maxProofRecords)
			.ticker(ticker)
			.expireAfter(Expiry.writing((String key, Instant deadline) -> ClockTicker.remaining(clock, deadline)))
			.build();
	}

	/** The proof's putIfAbsent decides; only its winner stores the session, so a replay stores nothing. */
	@Override
	public Mono<Boolean> start(Session session, String proofHash, Instant proofExpiresAt) {
		return Mono.fromSupplier(() -> {
			if (this.proofs.asMap().putIfAbsent(proofHash, proofExpiresAt) != null) {
				return false;
			}
			this.sessions.put(session.key(), session);
			return true;
		});
	}

	@Override
	public Mono<Rotation> rotate(SessionKey key, TokenHash presented, TokenHash next, Instant now, Duration idleTtl,
			Duration grace) {
		return Mono.fromSupplier(() -> {
			AtomicReference<Rotation> outcome = new AtomicReference<>(new Rotation.Unknown());
			this.sessions.asMap().compute(key, (k, session) -> {
				if (session == null) {
					return null;
				}
				if (session.isExpiredAt(now)) {
					outcome.set(new Rotation.Expired(key, session.principalId()));
					return null;
				}
				if (session.current().equals(presented)) {
					Session rotated = session.rotatedTo(next, now, idleTtl, grace);
					outcome.set(new Rotation.Rotated(rotated));
					return rotated;
				}
				if (presented.equals(session.previous()) && now.isBefore(session.previousValidUntil())) {
					Session retried = session.retriedTo(next, now, idleTtl);
					outcome.set(new Rotation.Rotated(retried));
					return retried;
				}
				outcome.set(new Rotation.Reused(key, session.principalId()));
				return null;
			});
			return outcome.get();
		});
	}

	@Override
	public Mono<Session> find(SessionKey key, TokenHash presented, Instant now) {
		return Mono.fromSupplier(() -> this.sessions.getIfPresent(key))
			.filter((session) -> session.current().equals(presented) && !session.isExpiredAt(now));
	}

	@Override
	public Mono<String> revoke(SessionKey key) {
		return Mono.fromSupplier(() -> this.sessions.asMap().remove(key)).map(Session::principalId);
	}

	@Override
	public Mono<Long> revokeAll(String principalId) {
		// a scan of the map: an administrator's occasional action on a single-instance store
		return Mono.fromSupplier(() -> {
			long[] removed = { 0 };
			this.sessions.asMap().values().removeIf((session) -> {
				boolean match = session.principalId().equals(principalId);
				removed[0] += match ? 1 : 0;
				return match;
			});
			return removed[0];
		});
	}

	/** Entries currently held, after pending evictions ran; for tests and metrics. */
	long[] sizes() {
		this.sessions.cleanUp();
		this.proofs.cleanUp();
		return new long[] { this.sessions.estimatedSize(), this.proofs.estimatedSize() };
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
