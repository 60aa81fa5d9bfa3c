package eu.seta.gateway.edge;

import eu.seta.gateway.testing.OnRedisStore;

/** What backends and clients see of proxied calls, with the gateway on the Redis store. */
@OnRedisStore
class ProxiedCallOnRedisTests extends ProxiedCallTests {

}
