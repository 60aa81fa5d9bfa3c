package eu.seta.gateway.ratelimit;

import java.time.Clock;

import eu.seta.gateway.session.StoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The counters live where the sessions live: in this process, or in the Redis the replicas share. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	/** Chosen when the bean is made, not by a condition, as the session store is (see SessionStoreConfiguration). */
	@Bean
	FailedProofLimits failedProofLimits(RateLimitProperties limits, StoreProperties store,
			ObjectProvider<ReactiveStringRedisTemplate> redis, Clock clock) {
		return switch (store.type()) {
			case MEMORY -> new FailedProofLimits(new LocalBuckets(clock, limits.longestPeriod(), 100_000), limits);
			case REDIS -> new FailedProofLimits(new RedisBuckets(redis.getObject(), store.redis().keyPrefix(), clock),
					limits);
		};
	}

}
