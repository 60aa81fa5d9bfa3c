-- Deletes one session and its index entry. KEYS[1] session hash, KEYS[2] principal index; ARGV[1] session id.
-- returns the principal id, or false when there was no session
local principal = redis.call('HGET', KEYS[1], 'p')
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return principal
