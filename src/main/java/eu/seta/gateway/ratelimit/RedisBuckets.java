package eu.seta.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * Buckets in the shared Redis, so that every replica spends the same budget. Bucket4j keeps each bucket under one
 * key that expires once the bucket would be full again; the key names a hash, never an address or a username.
 * <p>
 * Bucket4j updates a Redis bucket by compare-and-swap: when many requests of one address arrive together (clients
 * behind one NAT, a load test) each losing swap retries, and under load the retries outlast the command timeout.
 * So the proxy of a busy key is kept, and its batching optimization merges the requests in flight on that key into
 * one swap; only the proxy of the key can do that, hence the small cache of recently used proxies.
 */
final class RedisBuckets implements Buckets {

	private final AsyncProxyManager<byte[]> buckets;

	private final String prefix;

	private final Cache<String, AsyncBucketProxy> proxies = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofSeconds(30))
		.build();

	RedisBuckets(AbstractRedisClient client, String keyPrefix, Clock clock, Duration timeout) {
		Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]> builder = (client instanceof RedisClusterClient cluster)
				? Bucket4jLettuce.casBasedBuilder(cluster) : Bucket4jLettuce.casBasedBuilder((RedisClient) client);
		this.buckets = builder.clientClock(new ClockTimeMeter(clock))
			.requestTimeout(timeout)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build()
			.asAsync();
		this.prefix = keyPrefix + "rl:";
	}

	@Override
	public CompletableFuture<ConsumptionProbe> consume(String key, RateLimitProperties.Budget budget) {
		return bucket(key, budget).tryConsumeAndReturnRemaining(1);
	}

	@Override
	public CompletableFuture<Void> refund(String key, RateLimitProperties.Budget budget) {
		return bucket(key, budget).addTokens(1);
	}

	private AsyncBucketProxy bucket(String key, RateLimitProperties.Budget budget) {
		return this.proxies.get(key, (name) -> {
			BucketConfiguration configuration = BucketConfiguration.builder()
				.addLimit((limit) -> limit.capacity(budget.failures()).refillGreedy(budget.failures(), budget.period()))
				.build();
			return this.buckets.builder()
				.withOptimization(Optimizations.batching())
				.build((this.prefix + name).getBytes(StandardCharsets.UTF_8), configuration);
		});
	}

}
