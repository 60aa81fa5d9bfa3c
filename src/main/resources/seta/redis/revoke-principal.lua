-- Deletes every session of a principal. KEYS[1] principal index; ARGV[1] the session key prefix of that
-- principal ("<prefix>s:{<tag>}:"), ARGV[2] the principal id. The tag is a 64-bit hash of the id: should two
-- principals ever share one, the check of each session's principal keeps the other's sessions alive. The session keys are derived here rather than passed in KEYS because the
-- caller cannot know them; they share the index's hash tag, so on Redis Cluster they live on the same node.
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local deleted = 0
for _, id in ipairs(ids) do
  local key = ARGV[1] .. id
  if redis.call('HGET', key, 'p') == ARGV[2] then
    deleted = deleted + redis.call('DEL', key)
    redis.call('ZREM', KEYS[1], id)
  end
end
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1])
end
return deleted
