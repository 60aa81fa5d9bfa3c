package eu.seta.gateway.testing;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A Redis master with one replica, watched by three Sentinels (quorum 2) that declare a master down after one
 * second of silence, so that a failover takes seconds, not the default half minute. Built by the suite from
 * {@code redis-server} and {@code redis-server --sentinel} processes on free ports; one per test class that asks.
 */
public final class TestRedisSentinel implements AutoCloseable {

	public static final String MASTER_NAME = "seta";

	private final RedisNode master;

	private final RedisNode replica;

	private final List<RedisNode> sentinels;

	private TestRedisSentinel(RedisNode master, RedisNode replica, List<RedisNode> sentinels) {
		this.master = master;
		this.replica = replica;
		this.sentinels = sentinels;
	}

	public static TestRedisSentinel start() {
		RedisNode master = RedisNode.server();
		RedisNode replica = RedisNode.server("--replicaof", "127.0.0.1", Integer.toString(master.port()));
		List<RedisNode> sentinels = RedisNode.sentinels(3, MASTER_NAME, master.port(), 2, Duration.ofSeconds(1));
		TestRedisSentinel group = new TestRedisSentinel(master, replica, sentinels);
		// a failover needs the replica in sync and every Sentinel to know the replica and the two others
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> "up".equals(replica.info("replication").get("master_link_status"))
					&& sentinels.stream().allMatch((sentinel) -> sentinel.info("sentinel")
						.getOrDefault("master0", "")
						.contains("slaves=1,sentinels=3")));
		return group;
	}

	public RedisNode master() {
		return this.master;
	}

	public RedisNode replica() {
		return this.replica;
	}

	/** As {@code spring.data.redis.sentinel.nodes} takes them. */
	public String sentinelNodes() {
		return String.join(",", this.sentinels.stream().map(RedisNode::address).toList());
	}

	/** Where the Sentinels say the master is now ({@code host:port}), as the first Sentinel still up sees it. */
	public String masterAddress() {
		String line = this.sentinels.get(0).info("sentinel").getOrDefault("master0", "");
		int start = line.indexOf("address=") + "address=".length();
		return line.substring(start, line.indexOf(',', start));
	}

	@Override
	public void close() {
		this.sentinels.forEach(RedisNode::close);
		this.replica.close();
		this.master.close();
	}

}
