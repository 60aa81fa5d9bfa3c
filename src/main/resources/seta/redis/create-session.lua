-- Stores a new session and indexes it under its principal, in one step.
-- KEYS[1] session hash, KEYS[2] principal index (same hash slot: {principal tag})
-- ARGV: session id, principal id, token hash, idle expiry ms, absolute expiry ms, now ms
-- Expiry times are the gateway's; TTLs are set relative to its "now", so clock skew between hosts cannot
-- shorten or stretch them.
local now = tonumber(ARGV[6])
redis.call('HSET', KEYS[1], 'p', ARGV[2], 'c', ARGV[3], 'i', ARGV[4], 'a', ARGV[5])
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(ARGV[4]) - now))
-- the index lists live sessions by their expiry; expired members are dropped as we pass
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[2], math.max(1, tonumber(last[2]) - now))
return 'created'
