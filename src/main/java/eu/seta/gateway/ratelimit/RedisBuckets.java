package eu.seta.gateway.ratelimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Buckets in the shared Redis, so that every replica spends the same budget: {@link TokenBucketScript}, one atomic
 * call per take or give-back. Racing requests, from one replica or many, queue in Redis instead of retrying a
 * compare-and-swap, and a login costs two calls of it, not two reads and two writes. A bucket's two keys name a
 * hash, never an address or a username, share one hash slot (Redis Cluster), and expire once the bucket would be full
 * again twice over.
 * <p>
 * The script counts whole seconds of this replica's clock (so budgets have periods of a second or more) and replies
 * the tokens left rounded down: a refused take waits for one whole unit, at most one unit's refill longer than exact.
 */
final class RedisBuckets implements Buckets {

	private static final String TAKE = "1";

	private static final String GIVE_BACK = "-1";

	private final ReactiveStringRedisTemplate redis;

	/** Held here so that the script's text is read when the gateway starts, not on the first login's event loop. */
	private final RedisScript<List<Long>> script = TokenBucketScript.SCRIPT;

	private final String prefix;

	private final Clock clock;

	/** The script's refill rate of each budget, worked out once: a budget is a setting, asked on every login. */
	private final Map<RateLimitProperties.Budget, String> rates = new ConcurrentHashMap<>();

	RedisBuckets(ReactiveStringRedisTemplate redis, String keyPrefix, Clock clock) {
		this.redis = redis;
		this.prefix = keyPrefix + "rl:{";
		this.clock = clock;
	}

	@Override
	public Mono<Take> take(String key, RateLimitProperties.Budget budget) {
		return run(key, budget, TAKE)
			.map((reply) -> (reply.get(0) == 1) ? Take.TAKEN : Take.refused(untilOneIsBack(budget)));
	}

	@Override
	public Mono<Void> giveBack(String key, RateLimitProperties.Budget budget) {
		return run(key, budget, GIVE_BACK).then();
	}

	private Mono<List<Long>> run(String key, RateLimitProperties.Budget budget, String requested) {
		String bucket = this.prefix + key + "}";
		String rate = this.rates.computeIfAbsent(budget, RedisBuckets::perSecond);
		return this.redis
			.execute(this.script, List.of(bucket + ".tokens", bucket + ".timestamp"),
					List.of(rate, Long.toString(budget.failures()),
							Long.toString(this.clock.instant().getEpochSecond()), requested))
			.next();
	}

	/** The refill rate, units per second, as a plain decimal: 20 per 10 minutes is 0.0333…, never an exponent. */
	private static String perSecond(RateLimitProperties.Budget budget) {
		return BigDecimal.valueOf(budget.failures())
			.multiply(BigDecimal.valueOf(1000))
			.divide(BigDecimal.valueOf(budget.period().toMillis()), 12, RoundingMode.HALF_UP)
			.toPlainString();
	}

	/** A refused take found less than one unit, which the reply rounds down to none: one unit's refill time. */
	private static Duration untilOneIsBack(RateLimitProperties.Budget budget) {
		return budget.period().dividedBy(budget.failures());
	}

}
