-- Valid calls at a fixed offered rate, all with the same access token: the latency of a steady client, which a
-- closed loop at full speed (bearer.lua) cannot show beside other load. args: file with one token, offered rate
-- (requests per second, all connections together; bench/lua/pacing.lua)
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "pacing.lua")

function init(args)
  local file = assert(io.open(args[1]))
  wrk.headers["Authorization"] = "Bearer " .. file:read("*l")
  file:close()
  pace(tonumber(args[2]))
end

function delay()
  return paced_delay()
end
