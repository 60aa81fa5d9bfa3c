package eu.seta.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * Buckets in the shared Redis, so that every replica spends the same budget. Bucket4j keeps each bucket under one
 * key that expires once the bucket would be full again; the key names a hash, never an address or a username.
 */
final class RedisBuckets implements Buckets {

	private final AsyncProxyManager<byte[]> buckets;

	private final String prefix;

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
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(budget.failures()).refillGreedy(budget.failures(), budget.period()))
			.build();
		return this.buckets.builder().build((this.prefix + key).getBytes(StandardCharsets.UTF_8), configuration);
	}

}
