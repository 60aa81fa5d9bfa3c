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
 * hashes, principal indexes) and prints bytes per session.
 * <p>
 * Usage: {@code RedisMemoryProbe <redis port> <principals> <sessions per principal>}
 */
public final class RedisMemoryProbe {

	private RedisMemoryProbe() {
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
		RedisSessionStore store = new RedisSessionStore(redis, new SharedConnectionScripts(redis), prefix,
				Duration.ofSeconds(5), clock);
		try (RedisInspector inspector = new RedisInspector(port)) {
			for (int p = 0; p < principals; p++) {
				for (int s = 0; s < sessionsEach; s++) {
					RefreshTokens.Issued token = RefreshTokens.newSession("principal-" + p);
					Instant now = clock.instant();
					store.start(Session.start(token.key(), "principal-" + p, token.hash(), now, Duration.ofHours(24),
							Duration.ofDays(30)), "proof-" + p + "-" + s, now.plus(Duration.ofHours(24))).block();
				}
			}
			List<String> keys = inspector.keys(prefix);
			long sessionBytes = keys.stream().filter((key) -> !key.contains(":r:")).mapToLong(inspector.commands()::memoryUsage).sum();
			long proofBytes = keys.stream().filter((key) -> key.contains(":r:")).mapToLong(inspector.commands()::memoryUsage).sum();
			int sessions = principals * sessionsEach;
			System.out.printf("redis-bytes-per-session=%d redis-bytes-per-proof-record=%d sessions=%d principals=%d%n",
					sessionBytes / sessions, proofBytes / sessions, sessions, principals);
			keys.forEach(inspector.commands()::del);
		}
		finally {
			connections.destroy();
		}
	}

}
