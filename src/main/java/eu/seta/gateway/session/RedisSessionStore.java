package eu.seta.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The sessions store shared by all gateway replicas. Every operation is one atomic step on Redis: a Lua script
 * (sent once, then run by its SHA). Keys hold hashes only, each key expires no later
 * than its session, and the keys one script touches share a hash tag, so the store also works on Redis Cluster:
 * <pre>
 *   {prefix}s:{tag}:{session id hash}   hash: principal, current/previous token hash, grace, expiries
 *   {prefix}p:{tag}                     sorted set: the principal's live session ids by expiry
 *   {prefix}r:{tag}:{proof hash}        a used login proof, until the replay window ends
 * </pre>
 * Writes go through {@link StoreScripts}, so that with {@code wait-replicas} they are answered only once replicas
 * hold them. Each call is bounded by the command timeout; a late, failed or unacknowledged answer becomes
 * {@link SessionStoreUnavailableException}, never a guess.
 */
final class RedisSessionStore implements SessionStore {

	private static final LuaScript<Long> START = LuaScript.load("start-session", Long.class);

	@SuppressWarnings("rawtypes")
	private static final LuaScript<List> ROTATE = LuaScript.load("rotate-session", List.class);

	private static final LuaScript<String> REVOKE = LuaScript.load("revoke-session", String.class);

	private static final LuaScript<Long> REVOKE_PRINCIPAL = LuaScript.load("revoke-principal", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final StoreScripts scripts;

	private final String prefix;

	private final Clock clock;

	/**
	 * @param redis for reads (introspection, readiness)
	 * @param scripts for the writes: answered when the master has them, or once replicas have acknowledged them
	 */
	RedisSessionStore(ReactiveStringRedisTemplate redis, StoreScripts scripts, String keyPrefix, Clock clock) {
		this.redis = redis;
		this.scripts = scripts;
		this.prefix = keyPrefix;
		this.clock = clock;
	}

	@Override
	public Mono<Boolean> start(Session session, String proofHash, Instant proofExpiresAt) {
		SessionKey key = session.key();
		return bounded(this.scripts
			.run(START, List.of(proofKey(key.slot(), proofHash), sessionKey(key), indexKey(key.slot())),
					List.of(millis(this.clock.instant()), millis(proofExpiresAt), key.id(), session.principalId(),
							session.current().value(), millis(session.idleExpiresAt()),
							millis(session.absoluteExpiresAt())))
			.map((started) -> started == 1L), "start");
	}

	@Override
	@SuppressWarnings("unchecked")
	public Mono<Rotation> rotate(SessionKey key, TokenHash presented, TokenHash next, Instant now, Duration idleTtl,
			Duration grace) {
		return bounded(this.scripts
			.run(ROTATE, List.of(sessionKey(key), indexKey(key.slot())),
					List.of(key.id(), presented.value(), next.value(), millis(now), Long.toString(idleTtl.toMillis()),
							Long.toString(grace.toMillis())))
			.map((reply) -> toRotation(key, next, (List<Object>) reply)), "rotate");
	}

	private static Rotation toRotation(SessionKey key, TokenHash next, List<Object> reply) {
		String outcome = String.valueOf(reply.get(0));
		return switch (outcome) {
			case "rotated" -> new Rotation.Rotated(new Session(key, text(reply, 1), next, new TokenHash(text(reply, 4)),
					instant(reply, 5), instant(reply, 2), instant(reply, 3)));
			case "reused" -> new Rotation.Reused(key, text(reply, 1));
			case "expired" -> new Rotation.Expired(key, text(reply, 1));
			default -> new Rotation.Unknown();
		};
	}

	/** One HMGET: a read needs no script. */
	@Override
	public Mono<Session> find(SessionKey key, TokenHash presented, Instant now) {
		return bounded(this.redis.<String, String>opsForHash()
			.multiGet(sessionKey(key), List.of("p", "c", "i", "a"))
			.filter((fields) -> fields.get(0) != null && presented.value().equals(fields.get(1)))
			.map((fields) -> new Session(key, fields.get(0), presented, null, now,
					Instant.ofEpochMilli(Long.parseLong(fields.get(2))), Instant.ofEpochMilli(Long.parseLong(fields.get(3)))))
			.filter((session) -> !session.isExpiredAt(now)), "find");
	}

	@Override
	public Mono<String> revoke(SessionKey key) {
		return bounded(this.scripts.run(REVOKE, List.of(sessionKey(key), indexKey(key.slot())), List.of(key.id())),
				"revoke");
	}

	@Override
	public Mono<Long> revokeAll(String principalId) {
		String slot = RefreshTokens.slotOf(principalId);
		return bounded(this.scripts
			.run(REVOKE_PRINCIPAL, List.of(indexKey(slot)), List.of(this.prefix + "s:{" + slot + "}:", principalId))
			.defaultIfEmpty(0L), "revoke all");
	}

	/** Ping, for the readiness check. */
	Mono<String> ping() {
		return bounded(this.redis.execute((connection) -> connection.ping()).next(), "ping");
	}

	/**
	 * Any failure is "store unavailable". The wait is bounded below: each command by the client's command timeout
	 * ({@code seta.store.redis.command-timeout}, see SessionStoreConfiguration), an acknowledged write as a whole
	 * by {@link AcknowledgedScripts}.
	 */
	private <T> Mono<T> bounded(Mono<T> command, String operation) {
		return command.onErrorMap((failure) -> !(failure instanceof SessionStoreUnavailableException),
				(failure) -> new SessionStoreUnavailableException((failure instanceof AcknowledgedScripts.NotAcknowledgedException)
						? "Redis did not replicate '" + operation + "': " + failure.getMessage()
						: "Redis did not complete '" + operation + "': " + failure.getMessage(), failure));
	}

	private String sessionKey(SessionKey key) {
		return this.prefix + "s:{" + key.slot() + "}:" + key.id();
	}

	/** In the principal's slot: a proof names its principal, and the script that records it starts its session. */
	private String proofKey(String slot, String proofHash) {
		return this.prefix + "r:{" + slot + "}:" + proofHash;
	}

	private String indexKey(String slot) {
		return this.prefix + "p:{" + slot + "}";
	}

	private static String millis(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	private static String text(List<Object> reply, int index) {
		return String.valueOf(reply.get(index));
	}

	private static Instant instant(List<Object> reply, int index) {
		return Instant.ofEpochMilli(Long.parseLong(text(reply, index)));
	}

}
