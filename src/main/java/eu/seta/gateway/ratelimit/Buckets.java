package eu.seta.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Where the token buckets live: this process or Redis. */
interface Buckets {

	/** Takes one unit if there is one, atomically: racing takes never spend more than the budget. */
	Mono<Take> take(String key, RateLimitProperties.Budget budget);

	/** Gives one unit back. */
	Mono<Void> giveBack(String key, RateLimitProperties.Budget budget);

}
