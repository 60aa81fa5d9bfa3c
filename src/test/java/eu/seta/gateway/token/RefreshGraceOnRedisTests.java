package eu.seta.gateway.token;

import eu.seta.gateway.testing.OnRedisStore;

/** The grace window as on the memory store, decided by the Redis rotation script. */
@OnRedisStore
class RefreshGraceOnRedisTests extends RefreshGraceTests {

}
