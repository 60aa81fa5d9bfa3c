-- Consumes the presented refresh token and makes the next one current, in one step (see SessionStore#rotate).
-- KEYS[1] session hash, KEYS[2] principal index (same hash slot)
-- ARGV: session id, presented hash, next hash, now ms, idle ttl ms, grace ms
-- returns {outcome, principal, idle expiry ms, absolute expiry ms, previous hash, grace until ms}
local s = redis.call('HMGET', KEYS[1], 'p', 'c', 'v', 'g', 'a', 'i')
local principal = s[1]
if not principal then
  return {'unknown'}
end
local now = tonumber(ARGV[4])
local absolute = tonumber(s[5])
if now >= tonumber(s[6]) or now >= absolute then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return {'expired', principal}
end
local idle = math.min(now + tonumber(ARGV[5]), absolute)
local previous, graceUntil
if s[2] == ARGV[2] then
  previous, graceUntil = ARGV[2], now + tonumber(ARGV[6])
elseif s[3] and s[3] == ARGV[2] and now < tonumber(s[4]) then
  -- a retry within the grace window: the pair of the first rotation is dropped, the window not extended
  previous, graceUntil = s[3], tonumber(s[4])
else
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return {'reused', principal}
end
if graceUntil > now then
  redis.call('HSET', KEYS[1], 'c', ARGV[3], 'v', previous, 'g', tostring(graceUntil), 'i', tostring(idle))
else
  -- without a grace window the replaced token is as unknown as any other: no need to keep it
  redis.call('HSET', KEYS[1], 'c', ARGV[3], 'i', tostring(idle))
  redis.call('HDEL', KEYS[1], 'v', 'g')
end
redis.call('PEXPIRE', KEYS[1], math.max(1, idle - now))
redis.call('ZADD', KEYS[2], idle, ARGV[1])
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[2], math.max(1, tonumber(last[2]) - now))
return {'rotated', principal, tostring(idle), s[5], previous, tostring(graceUntil)}
