package eu.seta.gateway.session;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import eu.seta.gateway.testing.RedisNode;
import eu.seta.gateway.testing.TestRedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract on Redis Cluster with {@code wait-replicas: 1}, and the point of it: when a write returns, the
 * replica of the master that holds its keys has acknowledged it. A {@code WAIT} sent to any other node (Lettuce
 * routes a keyless command to some node) would answer at once and leave that replica behind.
 */
class AcknowledgedClusterSessionStoreTests extends RedisClusterSessionStoreTests {

	private AcknowledgedScripts acknowledged;

	@Override
	StoreScripts scripts() {
		this.acknowledged = new AcknowledgedScripts(connections.getRequiredNativeClient(), 1, Duration.ofSeconds(5));
		return this.acknowledged;
	}

	@AfterEach
	void closeConnections() {
		this.acknowledged.destroy();
	}

	@Test
	void everyWriteReturnsOnlyOnceTheReplicaOfItsKeysMasterHasAcknowledgedIt() {
		for (RedisNode master : TestRedisCluster.shared().masters()) {
			String principal = principalOn(master);
			RefreshTokens.Issued first = acknowledged(master, () -> start(principal));
			RefreshTokens.Issued second = next(first);
			acknowledged(master, () -> rotate(first, second, Duration.ZERO));
			acknowledged(master, () -> this.store.revoke(second.key()).block());
			start(principal);
			acknowledged(master, () -> this.store.revokeAll(principal).block());
		}
	}

	/**
	 * Runs the write and checks that the replica has acknowledged more than the master held before it. Replicas
	 * acknowledge on their own only once a second, so without a WAIT on this master the check fails (but for the
	 * rare write that meets that second).
	 */
	private static <T> T acknowledged(RedisNode master, Supplier<T> write) {
		long before = master.writtenOffset();
		T result = write.get();
		assertThat(master.writtenOffset()).as("the write went to this master").isGreaterThan(before);
		assertThat(master.acknowledgedOffset()).as("acknowledged by its replica").isGreaterThan(before);
		return result;
	}

	private static String principalOn(RedisNode master) {
		return IntStream.range(0, 1000)
			.mapToObj((i) -> "u-" + i)
			.filter((principal) -> TestRedisCluster.shared().masterOf("{" + RefreshTokens.slotOf(principal) + "}") == master)
			.findFirst()
			.orElseThrow();
	}

}
