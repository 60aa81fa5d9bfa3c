package eu.seta.gateway.token;

import eu.seta.gateway.testing.OnRedisStore;

/** Revocation as on the memory store, with the sessions in Redis. */
@OnRedisStore
class RevocationEndpointOnRedisTests extends RevocationEndpointTests {

}
