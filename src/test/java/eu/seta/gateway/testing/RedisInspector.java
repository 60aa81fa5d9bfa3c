package eu.seta.gateway.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import static org.assertj.core.api.Assertions.assertThat;

/** Looks into a test Redis as an operator would: SCAN, TTL, MEMORY USAGE, and what the values hold. */
public final class RedisInspector implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	public RedisInspector(int port) {
		this.client = RedisClient.create("redis://127.0.0.1:" + port);
		this.connection = this.client.connect();
	}

	public RedisCommands<String, String> commands() {
		return this.connection.sync();
	}

	/** Connections the server has accepted since it started ({@code INFO stats}), this inspector's own included. */
	public long connectionsReceived() {
		return commands().info("stats")
			.lines()
			.filter((line) -> line.startsWith("total_connections_received:"))
			.mapToLong((line) -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
			.findFirst()
			.orElseThrow();
	}

	public List<String> keys(String prefix) {
		List<String> keys = new ArrayList<>();
		ScanIterator.scan(commands(), ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(keys::add);
		return keys;
	}

	/** Every key under the prefix expires, and neither its name nor its value holds any of the tokens. */
	public void assertEveryKeyExpiresAndHoldsNone(String prefix, Collection<String> secrets) {
		RedisCommands<String, String> redis = commands();
		for (String key : keys(prefix)) {
			long ttl = redis.pttl(key);
			if (ttl == -2) {
				// expired between the scan and now (an earlier test's rate-limit bucket, say): it holds nothing
				continue;
			}
			assertThat(ttl).as("TTL of %s", key).isPositive();
			String dump = key + " " + switch (redis.type(key)) {
				case "hash" -> redis.hgetall(key).toString();
				case "zset" -> redis.zrange(key, 0, -1).toString();
				case "string" -> String.valueOf(redis.get(key));
				default -> "";
			};
			for (String secret : secrets) {
				assertThat(dump).as(key).doesNotContain(secret);
			}
		}
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
