-- Token issuance: every request logs in with a proof not used before (a replay would be refused), from a client
-- address of its own, as logins reach the gateway from many clients through the platform's load balancer (the bench
-- starts the gateway trusting its loopback as that proxy): each address has its own failed-proof budget in Redis.
-- args: file with one JSON body per line; optionally an offered rate (logins per second, all connections together;
-- bench/lua/pacing.lua)
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)")
dofile(here .. "slices.lua")
dofile(here .. "pacing.lua")
local bodies = {}
local index = 0

function init(args)
  bodies = read_lines(args[1])
  index = slice_start(#bodies)
  pace(tonumber(args[2]))
end

function delay()
  return paced_delay()
end

function request()
  index = index + 1
  local body = bodies[(index - 1) % #bodies + 1]
  local client = string.format("10.%d.%d.%d", math.floor(index / 65536) % 256, math.floor(index / 256) % 256, index % 256)
  return wrk.format("POST", "/authentication/v1/token",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = client }, body)
end

function done(summary, latency, requests)
  io.write(string.format("proofs-available=%d\n", #bodies))
end
