package eu.seta.gateway.session;

import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * {@code wait-replicas: 0}: the script on the one multiplexed connection (EVALSHA, EVAL when the server does not
 * know it yet), routed by its first key on Redis Cluster, answered when the master has run it.
 */
final class SharedConnectionScripts implements StoreScripts {

	private final ReactiveStringRedisTemplate redis;

	SharedConnectionScripts(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public <T> Mono<T> run(LuaScript<T> script, List<String> keys, List<String> args) {
		return this.redis.execute(script.script(), keys, args).next();
	}

}
