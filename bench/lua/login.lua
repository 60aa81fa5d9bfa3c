-- Token issuance: every request logs in with a proof not used before (a replay would be refused).
-- args: file with one JSON body per line; optionally a target rate (requests per second for the whole run) and
-- the number of connections, to pace the load: each connection then waits connections * 1000 / rate ms
local bodies = {}
local index = 0
local threads = {}
local pause = 0

function setup(thread)
  thread:set("slot", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  -- each thread (at most 8) takes its own eighth of the proofs, so that no proof is sent twice
  index = math.floor(slot * #bodies / 8)
  if args[2] ~= nil then
    pause = math.floor(tonumber(args[3]) * 1000 / tonumber(args[2]))
  end
end

function delay()
  return pause
end

function request()
  index = index + 1
  local body = bodies[(index - 1) % #bodies + 1]
  return wrk.format("POST", "/authentication/v1/token", { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("proofs-available=%d\n", #bodies))
end
