-- Refresh rotation: each connection logs in once, then keeps rotating the refresh token it got back.
-- args: file with one login JSON body per line, none used before; optionally where in it to start
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "slices.lua")
local bodies = {}
local index = 0
local pending = {}
refreshes = 0
logins = 0

function init(args)
  bodies = read_lines(args[1])
  index = slice_start(#bodies) + (tonumber(args[2]) or 0)
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
