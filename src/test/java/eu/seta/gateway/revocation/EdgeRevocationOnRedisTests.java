package eu.seta.gateway.revocation;

import eu.seta.gateway.testing.OnRedisStore;

/** On the Redis store the replica that causes a revocation refuses at once too, without waiting for its message. */
@OnRedisStore
class EdgeRevocationOnRedisTests extends EdgeRevocationTests {

}
