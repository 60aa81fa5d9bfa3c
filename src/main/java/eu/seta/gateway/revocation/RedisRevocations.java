package eu.seta.gateway.revocation;

import java.time.Clock;
import java.util.List;

import eu.seta.gateway.session.LuaScript;
import eu.seta.gateway.session.SessionStoreUnavailableException;
import eu.seta.gateway.session.StoreScripts;
import reactor.core.publisher.Mono;

/**
 * Records revocations in Redis and publishes them to every replica ({@code record-revocation.lua}, one step).
 * This replica applies its own at once too, without waiting for its copy from the channel. With
 * {@code wait-replicas} the record is acknowledged by replicas like a session write, so that a failover cannot
 * bring a revoked session's access tokens back for replicas that reload the sets afterwards. Keys:
 * <pre>
 *   {prefix}rv:{revoked}:s   sorted set: revoked session ids by time of revocation
 *   {prefix}rv:{revoked}:p   sorted set: principal ids by their latest "not before" time
 *   {prefix}revocations      the channel (not a key)
 * </pre>
 */
final class RedisRevocations implements Revocations {

	private static final LuaScript<Long> RECORD = LuaScript.load("record-revocation", Long.class);

	private final StoreScripts scripts;

	private final RevocationKeys keys;

	private final RevocationList list;

	private final Clock clock;

	RedisRevocations(StoreScripts scripts, RevocationKeys keys, RevocationList list, Clock clock) {
		this.scripts = scripts;
		this.keys = keys;
		this.list = list;
		this.clock = clock;
	}

	@Override
	public Mono<Void> revokeSession(String sessionId) {
		return record(new Revocation.OfSession(sessionId, this.clock.millis()), this.keys.sessions(), sessionId);
	}

	@Override
	public Mono<Void> revokePrincipal(String principalId) {
		return record(new Revocation.OfPrincipal(principalId, this.clock.millis()), this.keys.principals(),
				principalId);
	}

	/**
	 * Bounded as the session store's operations are: the script by the client's command timeout
	 * ({@code seta.store.redis.command-timeout}), an acknowledged one with its {@code WAIT} by
	 * {@code AcknowledgedScripts}.
	 */
	private Mono<Void> record(Revocation revocation, String key, String id) {
		return Mono.defer(() -> {
			this.list.apply(revocation);
			return this.scripts
				.run(RECORD, List.of(key), List.of(id, Long.toString(revocation.atMillis()),
						Long.toString(this.list.retentionMillis()), this.keys.channel(), Revocation.encode(revocation)))
				.then();
		})
			.onErrorMap((failure) -> !(failure instanceof SessionStoreUnavailableException),
					(failure) -> new SessionStoreUnavailableException(
							"Redis did not record a revocation: " + failure.getMessage(), failure));
	}

}
