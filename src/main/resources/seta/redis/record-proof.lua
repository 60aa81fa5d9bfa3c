-- Records a used login proof until the end of its replay window, or reports that it was already used.
-- KEYS[1] proof key; ARGV: now ms, expiry ms. The stored value is the expiry, so that the check follows the
-- gateway's clock; the TTL only frees the memory. Returns 1 the first time, 0 for a replay.
local recorded = redis.call('GET', KEYS[1])
if recorded and tonumber(recorded) > tonumber(ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', math.max(1, tonumber(ARGV[2]) - tonumber(ARGV[1])))
return 1
