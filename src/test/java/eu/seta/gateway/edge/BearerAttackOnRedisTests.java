package eu.seta.gateway.edge;

import eu.seta.gateway.testing.OnRedisStore;

/** Every attack on the bearer check, refused alike when the gateway runs on the Redis store. */
@OnRedisStore
class BearerAttackOnRedisTests extends BearerAttackTests {

}
