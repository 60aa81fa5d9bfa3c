package eu.seta.gateway.revocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import eu.seta.gateway.session.SessionStoreUnavailableException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Records revocations in Redis and publishes them to every replica ({@code record-revocation.lua}, one step).
 * This replica applies its own at once too, without waiting for its copy from the channel. Keys:
 * <pre>
 *   {prefix}rv:{revoked}:s   sorted set: revoked session ids by time of revocation
 *   {prefix}rv:{revoked}:p   sorted set: principal ids by their latest "not before" time
 *   {prefix}revocations      the channel (not a key)
 * </pre>
 */
final class RedisRevocations implements Revocations {

	private static final RedisScript<Long> RECORD = script();

	private final ReactiveStringRedisTemplate redis;

	private final RevocationKeys keys;

	private final RevocationList list;

	private final Duration timeout;

	private final Clock clock;

	RedisRevocations(ReactiveStringRedisTemplate redis, RevocationKeys keys, RevocationList list,
			Duration commandTimeout, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.list = list;
		this.timeout = commandTimeout;
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

	private Mono<Void> record(Revocation revocation, String key, String id) {
		return Mono.defer(() -> {
			this.list.apply(revocation);
			return this.redis
				.execute(RECORD, List.of(key), List.of(id, Long.toString(revocation.atMillis()),
						Long.toString(this.list.retentionMillis()), this.keys.channel(), Revocation.encode(revocation)))
				.then();
		})
			.timeout(this.timeout)
			.onErrorMap((failure) -> !(failure instanceof SessionStoreUnavailableException),
					(failure) -> new SessionStoreUnavailableException(
							"Redis did not record a revocation within " + this.timeout.toMillis() + " ms", failure));
	}

	/** Read once when the class loads, never on a request's thread (see RedisSessionStore). */
	private static RedisScript<Long> script() {
		try {
			return RedisScript.of(new ClassPathResource("seta/redis/record-revocation.lua")
				.getContentAsString(StandardCharsets.UTF_8), Long.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis script record-revocation is missing from the application", ex);
		}
	}

}
