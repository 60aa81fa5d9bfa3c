package eu.seta.gateway.token;

import eu.seta.gateway.testing.OnRedisStore;

/** The token endpoint's contract, byte for byte, with sessions, proof records and rate limits in Redis. */
@OnRedisStore
class TokenEndpointOnRedisTests extends TokenEndpointTests {

}
