-- Adds ARGV[1] revoked sessions to the gateway's revocation set KEYS[1] (its sorted set of revoked session ids,
-- scored by the time of revocation, ms), as if that many logouts had happened just now, with ids shaped like the
-- gateway's own (16 characters). For the bench: the proxied path with a full revocation list.
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local n = tonumber(ARGV[1])
for i = 1, n, 1000 do
  local args = {}
  for j = i, math.min(n, i + 999) do
    args[#args + 1] = ms
    args[#args + 1] = string.format('bench%011d', j)
  end
  redis.call('ZADD', KEYS[1], unpack(args))
end
redis.call('PEXPIRE', KEYS[1], 3630000)
return redis.call('ZCARD', KEYS[1])
