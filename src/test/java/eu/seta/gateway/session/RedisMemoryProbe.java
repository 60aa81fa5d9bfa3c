package eu.seta.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import eu.seta.gateway.testing.RedisInspector;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * What an active session costs in Redis, for the benchmark (bench/run.sh), not a test: starts sessions of many
 * principals through the real store, sums {@code MEMORY USAGE} over every key written (proof records, session
 * hashes, principal indexes) and prints bytes per session, before and after one refresh of each.
 * <p>
 * Usage: {@code RedisMemoryProbe <redis port> <principals> <sessions per principal>}
 */
public final class RedisMemoryProbe {

	private RedisMemoryProbe() {
	}

	/** Session hashes and principal indexes: what the live sessions hold, proof records apart. */
	private static long sessionBytes(RedisInspector inspector, List<String> keys) {
		return keys.stream().filter((key) -> !key.contains(":r:")).mapToLong(inspector.commands()::memoryUsage).sum();
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		int principals = Integer.parseInt(args[1]);
		int sessionsEach = Integer.parseInt(args[2]);
		String prefix = "memory-probe:";
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		connections.afterPropertiesSet();
		connections.start();
		Clock clock = Clock.systemUTC();
		ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(connections);
		RedisSessionStore store = new RedisSessionStore(redis, new SharedConnectionScripts(redis), prefix, clock);
		List<RefreshTokens.Issued> issued = new java.util.ArrayList<>();
		try (RedisInspector inspector = new RedisInspector(port)) {
			for (int p = 0; p < principals; p++) {
				for (int s = 0; s < sessionsEach; s++) {
					RefreshTokens.Issued token = RefreshTokens.newSession("principal-" + p);
					issued.add(token);
					Instant now = clock.instant();
					store.start(Session.start(token.key(), "principal-" + p, token.hash(), now, Duration.ofHours(24),
							Duration.ofDays(30)), "proof-" + p + "-" + s, now.plus(Duration.ofHours(24))).block();
				}
			}
			List<String> keys = inspector.keys(prefix);
			long sessionBytes = sessionBytes(inspector, keys);
			long proofBytes = keys.stream().filter((key) -> key.contains(":r:")).mapToLong(inspector.commands()::memoryUsage).sum();
			int sessions = principals * sessionsEach;
			// once refreshed with a retry window (the default 30 s), a session also keeps the replaced token's hash
			// and the window's end
			for (RefreshTokens.Issued token : issued) {
				RefreshTokens.Presented presented = RefreshTokens.parse(token.value()).orElseThrow();
				store.rotate(presented.key(), presented.hash(), RefreshTokens.next(presented).hash(), clock.instant(),
						Duration.ofHours(24), Duration.ofSeconds(30)).block();
			}
			long rotatedBytes = sessionBytes(inspector, inspector.keys(prefix));
			System.out.printf("redis-bytes-per-session=%d redis-bytes-per-proof-record=%d "
					+ "redis-bytes-per-refreshed-session=%d sessions=%d principals=%d%n", sessionBytes / sessions,
					proofBytes / sessions, rotatedBytes / sessions, sessions, principals);
			inspector.keys(prefix).forEach(inspector.commands()::del);
		}
		finally {
			connections.destroy();
		}
	}

}
