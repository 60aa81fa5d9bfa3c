package eu.seta.gateway.token;

import eu.seta.gateway.testing.OnRedisStore;

/** Rotation, reuse detection and expiry as on the memory store, with the sessions in Redis. */
@OnRedisStore
class RefreshEndpointOnRedisTests extends RefreshEndpointTests {

}
