-- Records one revocation and publishes it, in one step, so that no replica can reload the set without it once a
-- replica could have heard of it. KEYS[1] the sorted set of its kind (member: session or principal id, score:
-- when it was revoked, ms); ARGV: id, revoked at ms, retention ms (access-token lifetime + clock skew), channel,
-- message. Entries older than the retention cover no unexpired token: they are dropped as we pass, and the set
-- itself expires one retention after its latest write.
local at = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (at - tonumber(ARGV[3])))
-- GT: a later revocation of the same id moves its time forward, a late one never back
redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('PUBLISH', ARGV[4], ARGV[5])
