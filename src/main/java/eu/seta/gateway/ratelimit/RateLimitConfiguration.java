package eu.seta.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;

import eu.seta.gateway.session.StoreProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

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
			LettuceConnectionFactory connections, Clock clock) {
		Duration timeout = store.redis().commandTimeout();
		return new FailedProofLimits(
				new RedisBuckets(connections.getRequiredNativeClient(), store.redis().keyPrefix(), clock, timeout),
				limits, timeout);
	}

}
