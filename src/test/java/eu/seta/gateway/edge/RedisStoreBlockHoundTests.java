package eu.seta.gateway.edge;

import eu.seta.gateway.testing.OnRedisStore;

/**
 * The same paths with Lettuce underneath: sessions, proof records and rate-limit buckets in Redis. Runs in the
 * BlockHound JVM with {@link EventLoopBlockHoundTests}, which installs the detector once for both.
 */
@OnRedisStore
class RedisStoreBlockHoundTests extends EventLoopBlockHoundTests {

}
