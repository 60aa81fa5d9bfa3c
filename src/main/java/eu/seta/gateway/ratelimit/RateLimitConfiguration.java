package eu.seta.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;

import eu.seta.gateway.session.StoreProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The counters live where the sessions live: in this process, or in the Redis the replicas share. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	private static final String TYPE = StoreProperties.PREFIX + ".type";

	@Bean
	@ConditionalOnProperty(name = TYPE, havingValue = "memory", matchIfMissing = true)
	FailedProofLimits localFailedProofLimits(RateLimitProperties limits, Clock clock) {
		return new FailedProofLimits(new LocalBuckets(clock, limits.longestPeriod(), 100_000), limits,
				Duration.ofSeconds(1));
	}

	@Bean
	@ConditionalOnProperty(name = TYPE, havingValue = "redis")
	FailedProofLimits redisFailedProofLimits(RateLimitProperties limits, StoreProperties store,
			ReactiveStringRedisTemplate redis, Clock clock) {
		return new FailedProofLimits(new RedisBuckets(redis, store.redis().keyPrefix(), clock), limits,
				store.redis().commandTimeout());
	}

}
