package eu.seta.gateway.token;

import eu.seta.gateway.testing.OnRedisStore;

/** Introspection with the sessions and revocations in Redis. */
@OnRedisStore
class IntrospectionEndpointOnRedisTests extends IntrospectionEndpointTests {

}
