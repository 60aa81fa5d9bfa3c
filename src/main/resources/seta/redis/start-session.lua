-- Starts a session for a login proof, in one step: records the proof until the end of its replay window and
-- stores the session, indexed under its principal; or, when the proof was used already (a replay), does nothing.
-- KEYS[1] proof key, KEYS[2] session hash, KEYS[3] principal index (one hash slot: {principal tag})
-- ARGV: now ms, proof expiry ms, session id, principal id, token hash, idle expiry ms, absolute expiry ms
-- Returns 1 when the session was started, 0 for a replay. The proof's value is its expiry, so that the replay
-- check follows the gateway's clock; TTLs only free the memory and are set relative to the gateway's "now", so
-- clock skew between hosts cannot shorten or stretch them.
local now = tonumber(ARGV[1])
local recorded = redis.call('GET', KEYS[1])
if recorded and tonumber(recorded) > now then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', math.max(1, tonumber(ARGV[2]) - now))
redis.call('HSET', KEYS[2], 'p', ARGV[4], 'c', ARGV[5], 'i', ARGV[6], 'a', ARGV[7])
redis.call('PEXPIRE', KEYS[2], math.max(1, tonumber(ARGV[6]) - now))
-- the index lists live sessions by their expiry; expired members are dropped as we pass
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[3])
local last = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[3], math.max(1, tonumber(last[2]) - now))
return 1
