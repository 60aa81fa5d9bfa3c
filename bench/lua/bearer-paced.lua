-- Valid calls at a fixed offered rate, all with the same access token: the latency of a steady client, which a
-- closed loop at full speed (bearer.lua) cannot show beside other load. args: file with one token, target rate
-- (requests per second for the whole run), connections.
local pause = 0

function init(args)
  local file = assert(io.open(args[1]))
  wrk.headers["Authorization"] = "Bearer " .. file:read("*l")
  file:close()
  pause = math.floor(tonumber(args[3]) * 1000 / tonumber(args[2]))
end

function delay()
  return pause
end
