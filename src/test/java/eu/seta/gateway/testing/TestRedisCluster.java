package eu.seta.gateway.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.SlotHash;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of three masters, each with one replica, built by the suite from plain {@code redis-server}
 * processes: the slots are assigned with {@code CLUSTER ADDSLOTS}, the nodes introduced with {@code CLUSTER MEET},
 * the replicas attached with {@code CLUSTER REPLICATE}, as {@code redis-cli --cluster create} would, so the build
 * needs no {@code redis-cli}. One per test JVM, started on first use; classes keep apart by key prefix.
 * <p>
 * Masters ping their replicas once an hour only ({@code repl-ping-replica-period}), so that the replication offset
 * of a master moves with the test's own writes.
 */
public final class TestRedisCluster {

	private static TestRedisCluster shared;

	private final List<RedisNode> masters;

	private final List<RedisNode> replicas;

	private TestRedisCluster(List<RedisNode> masters, List<RedisNode> replicas) {
		this.masters = masters;
		this.replicas = replicas;
	}

	public static synchronized TestRedisCluster shared() {
		if (shared == null) {
			shared = create();
		}
		return shared;
	}

	private static TestRedisCluster create() {
		List<RedisNode> all = RedisNode.servers(6, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
				"--cluster-node-timeout", "2000", "--repl-ping-replica-period", "3600");
		List<RedisNode> masters = all.subList(0, 3);
		List<RedisNode> replicas = all.subList(3, 6);
		for (int i = 0; i < 3; i++) {
			masters.get(i).commands().clusterAddSlots(IntStream.range(firstSlot(i), firstSlot(i + 1)).toArray());
		}
		RedisNode first = masters.get(0);
		all.stream().skip(1).forEach((node) -> first.commands().clusterMeet("127.0.0.1", node.port()));
		// a replica can follow its master only once it knows it
		for (int i = 0; i < 3; i++) {
			String masterId = masters.get(i).commands().clusterMyId();
			RedisNode replica = replicas.get(i);
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> replica.commands().clusterNodes().contains(masterId));
			replica.commands().clusterReplicate(masterId);
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> all.stream().allMatch((node) -> node.commands().clusterInfo().contains("cluster_state:ok"))
					&& masters.stream().allMatch((master) -> "1".equals(master.info("replication").get("connected_slaves")))
					&& replicas.stream().allMatch((replica) -> "up".equals(replica.info("replication").get("master_link_status"))));
		return new TestRedisCluster(masters, replicas);
	}

	public List<RedisNode> masters() {
		return this.masters;
	}

	public List<RedisNode> replicas() {
		return this.replicas;
	}

	/** The masters as {@code spring.data.redis.cluster.nodes} takes them; Lettuce discovers the replicas. */
	public String nodes() {
		return String.join(",", this.masters.stream().map(RedisNode::address).toList());
	}

	/** A started connection factory of Spring Data Redis to this cluster; the caller destroys it. */
	public LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisClusterConfiguration(List.of(nodes().split(","))));
		connections.afterPropertiesSet();
		connections.start();
		return connections;
	}

	/** The master that serves the key's hash slot (the slots were assigned in thirds, in order). */
	public RedisNode masterOf(String key) {
		int slot = SlotHash.getSlot(key);
		int third = 0;
		while (slot >= firstSlot(third + 1)) {
			third++;
		}
		return this.masters.get(third);
	}

	private static int firstSlot(int third) {
		return SlotHash.SLOT_COUNT * third / 3;
	}

}
