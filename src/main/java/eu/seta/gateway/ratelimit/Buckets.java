package eu.seta.gateway.ratelimit;

import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.EstimationProbe;

/** Where the token buckets live: this process or Redis. Bucket4j does the arithmetic in both. */
interface Buckets {

	/** Whether one more failure fits, and if not, how long until it does; consumes nothing. */
	CompletableFuture<EstimationProbe> estimate(String key, RateLimitProperties.Budget budget);

	CompletableFuture<Boolean> consume(String key, RateLimitProperties.Budget budget);

}
