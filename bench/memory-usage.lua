-- Sums MEMORY USAGE over the session keys and the principal indexes, in one call.
-- ARGV[1]: pattern of the session keys. Returns {sessions, bytes of sessions and indexes}.
local sessions, bytes = 0, 0
for _, pattern in ipairs({ ARGV[1], (string.gsub(ARGV[1], ":s:", ":p:")) }) do
  local cursor = "0"
  repeat
    local page = redis.call("SCAN", cursor, "MATCH", pattern, "COUNT", 1000)
    cursor = page[1]
    for _, key in ipairs(page[2]) do
      bytes = bytes + redis.call("MEMORY", "USAGE", key)
      if pattern == ARGV[1] then
        sessions = sessions + 1
      end
    end
  until cursor == "0"
end
return { sessions, bytes }
