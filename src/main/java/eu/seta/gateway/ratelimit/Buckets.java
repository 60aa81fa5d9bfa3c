package eu.seta.gateway.ratelimit;

import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.ConsumptionProbe;

/** Where the token buckets live: this process or Redis. Bucket4j does the arithmetic in both. */
interface Buckets {

	/** Takes one unit if there is one, atomically; the probe says whether it did and, if not, how long to wait. */
	CompletableFuture<ConsumptionProbe> consume(String key, RateLimitProperties.Budget budget);

	/** Gives one unit back. */
	CompletableFuture<Void> refund(String key, RateLimitProperties.Budget budget);

}
