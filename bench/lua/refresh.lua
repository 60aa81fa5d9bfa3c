-- Refresh rotation: each connection logs in once, then keeps rotating the refresh token it got back.
-- args: file with one login JSON body per line, none used before; optionally where in it to start
local bodies = {}
local index = 0
local threads = {}
local pending = {}
refreshes = 0
logins = 0

function setup(thread)
  thread:set("slot", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  index = math.floor(slot * #bodies / 8) + (tonumber(args[2]) or 0)
end

function request()
  local token = table.remove(pending)
  if token ~= nil then
    refreshes = refreshes + 1
    return wrk.format("POST", "/authentication/v1/token/refresh", { ["Authorization"] = "Bearer " .. token })
  end
  logins = logins + 1
  index = index + 1
  return wrk.format("POST", "/authentication/v1/token", { ["Content-Type"] = "application/json" },
    bodies[(index - 1) % #bodies + 1])
end

function response(status, headers, body)
  local token = body:match('"refresh_token":"([^"]+)"')
  if token ~= nil then
    table.insert(pending, token)
  end
end

function done(summary, latency, requests)
  local total_refreshes, total_logins = 0, 0
  for _, thread in ipairs(threads) do
    total_refreshes = total_refreshes + thread:get("refreshes")
    total_logins = total_logins + thread:get("logins")
  end
  io.write(string.format("refreshes=%d logins=%d\n", total_refreshes, total_logins))
end
