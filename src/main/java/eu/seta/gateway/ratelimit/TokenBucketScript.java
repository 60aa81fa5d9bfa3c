package eu.seta.gateway.ratelimit;

import java.util.List;

import eu.seta.gateway.session.LuaScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Spring Cloud Gateway's token-bucket script, the one its {@code RedisRateLimiter} runs: one atomic call takes
 * (or, asked for -1, gives back) tokens of a bucket kept under two keys of one hash slot. The route quotas and the
 * failed-proof budgets both run it, so that every limit of the gateway refills the same way.
 * <p>
 * Its text is read once, here. Spring Cloud Gateway's own bean of it reads the script from its jar through a
 * resource that asks for the file's modification time on every call, under a lock: file I/O on the event loop of
 * every quota-counted call.
 */
public final class TokenBucketScript {

	static final String LOCATION = "META-INF/scripts/request_rate_limiter.lua";

	/** Replies {@code [1 if taken else 0, the tokens left, rounded down]}. */
	public static final RedisScript<List<Long>> SCRIPT = load();

	private TokenBucketScript() {
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<Long>> load() {
		return (RedisScript) LuaScript.fromClasspath(LOCATION, List.class).script();
	}

}
