package eu.seta.gateway.quota;

import java.time.Clock;

import eu.seta.gateway.edge.ClientAddresses;
import eu.seta.gateway.ratelimit.TokenBucketScript;
import eu.seta.gateway.session.StoreProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The quota filter, its limiter and key resolver. Spring Cloud Gateway's own {@code RequestRateLimiter} factory is
 * switched off in application.yml: this one takes its name.
 */
@Configuration(proxyBeanMethods = false)
class QuotaConfiguration {

	@Bean
	@Primary
	CallerKeyResolver callerKeyResolver(ClientAddresses clients) {
		return new CallerKeyResolver(clients);
	}

	/**
	 * Spring Cloud Gateway's limiter, as its auto-configuration would make it (which then makes none), but with the
	 * script read once ({@link TokenBucketScript}) instead of its own bean of it.
	 */
	@Bean
	RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configuration) {
		return new RedisRateLimiter(redis, TokenBucketScript.SCRIPT, configuration);
	}

	@Bean
	@Primary
	CallerQuotaRateLimiter callerQuotaRateLimiter(StoreProperties store, RedisRateLimiter redis, Clock clock,
			ConfigurationService configuration) {
		RedisRateLimiter shared = (store.type() == StoreProperties.Type.REDIS) ? redis : null;
		return new CallerQuotaRateLimiter(shared, store.redis().keyPrefix() + "quota:", clock, configuration);
	}

	@Bean
	QuotaGatewayFilterFactory quotaGatewayFilterFactory(CallerQuotaRateLimiter limiter, CallerKeyResolver keys,
			QuotaProperties quota) {
		return new QuotaGatewayFilterFactory(limiter, keys, quota.enabled());
	}

}
