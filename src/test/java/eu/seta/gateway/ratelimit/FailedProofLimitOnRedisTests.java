package eu.seta.gateway.ratelimit;

import eu.seta.gateway.testing.OnRedisStore;

/** The budgets over HTTP with the Redis store: counted by the shared buckets, on the gateway's clock. */
@OnRedisStore
class FailedProofLimitOnRedisTests extends FailedProofLimitTests {

}
