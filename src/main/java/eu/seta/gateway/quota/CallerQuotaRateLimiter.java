package eu.seta.gateway.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import eu.seta.gateway.support.Caches;
import eu.seta.gateway.support.ClockTicker;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * A token bucket per route and caller, with Spring Cloud Gateway's {@code redis-rate-limiter.*} settings on the
 * route (replenish rate per second, burst capacity, tokens per request) and its rate-limit headers. With the Redis
 * store it is Spring Cloud Gateway's own {@link RedisRateLimiter} (one Lua script per call, shared by all replicas;
 * when Redis fails it lets the call through); otherwise buckets in this process, on the gateway's clock. A refusal
 * also carries {@code Retry-After}: the whole seconds until the tokens of one request are back.
 */
final class CallerQuotaRateLimiter extends AbstractRateLimiter<RedisRateLimiter.Config> {

	private final @Nullable RedisRateLimiter redis;

	private final String keyPrefix;

	private final Clock clock;

	private final Cache<String, Bucket> buckets;

	/**
	 * @param redis the shared limiter, or null for buckets in memory
	 * @param keyPrefix before every caller key, so that environments sharing a Redis keep their own counts
	 */
	CallerQuotaRateLimiter(@Nullable RedisRateLimiter redis, String keyPrefix, Clock clock,
			ConfigurationService configuration) {
		super(RedisRateLimiter.Config.class, RedisRateLimiter.CONFIGURATION_PROPERTY_NAME, configuration);
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.clock = clock;
		// a bucket idle this long is full again, so forgetting it changes nothing
		this.buckets = Caches.newBuilder()
			.ticker(ClockTicker.of(clock))
			.expireAfterAccess(Duration.ofMinutes(10))
			.maximumSize(100_000)
			.build();
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		RedisRateLimiter.Config config = getConfig().get(routeId);
		if (config == null) {
			throw new IllegalArgumentException("No quota for route " + routeId
					+ ": set redis-rate-limiter.replenishRate and burstCapacity on its RequestRateLimiter filter");
		}
		if (this.redis != null) {
			return this.redis.isAllowed(routeId, this.keyPrefix + routeId + ":" + id)
				.map((response) -> response.isAllowed() ? response : refused(config, response.getHeaders()));
		}
		long remaining = this.buckets.get(routeId + ":" + id, (key) -> new Bucket(config, this.clock.millis()))
			.take(config, this.clock.millis());
		Map<String, String> headers = headers(config, remaining);
		return Mono.just((remaining >= 0) ? new Response(true, headers) : refused(config, headers));
	}

	private static Map<String, String> headers(RedisRateLimiter.Config config, long remaining) {
		Map<String, String> headers = new HashMap<>();
		headers.put(RedisRateLimiter.REMAINING_HEADER, Long.toString(Math.max(remaining, 0)));
		headers.put(RedisRateLimiter.REPLENISH_RATE_HEADER, Integer.toString(config.getReplenishRate()));
		headers.put(RedisRateLimiter.BURST_CAPACITY_HEADER, Long.toString(config.getBurstCapacity()));
		headers.put(RedisRateLimiter.REQUESTED_TOKENS_HEADER, Integer.toString(config.getRequestedTokens()));
		return headers;
	}

	private static Response refused(RedisRateLimiter.Config config, Map<String, String> headers) {
		Map<String, String> withRetry = new HashMap<>(headers);
		long seconds = Math.max(1, (config.getRequestedTokens() + config.getReplenishRate() - 1)
				/ Math.max(1, config.getReplenishRate()));
		withRetry.put(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return new Response(false, withRetry);
	}

	/** Tokens as in Spring Cloud Gateway's Lua script: refilled continuously up to the burst capacity. */
	private static final class Bucket {

		private double tokens;

		private long updated;

		Bucket(RedisRateLimiter.Config config, long now) {
			this.tokens = config.getBurstCapacity();
			this.updated = now;
		}

		/** The tokens left after taking one request's, or -1 when there were not enough (nothing is taken then). */
		synchronized long take(RedisRateLimiter.Config config, long now) {
			long elapsed = Math.max(0, now - this.updated);
			this.tokens = Math.min(config.getBurstCapacity(), this.tokens + elapsed * config.getReplenishRate() / 1000.0);
			this.updated = Math.max(this.updated, now);
			if (this.tokens < config.getRequestedTokens()) {
				return -1;
			}
			this.tokens -= config.getRequestedTokens();
			return (long) Math.floor(this.tokens);
		}

	}

}
