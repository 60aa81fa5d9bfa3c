-- (c) every request carries another access token, none seen before within the cache's reach.
-- args: file with one token per line
local tokens = {}
local index = 0
local threads = {}

function setup(thread)
  thread:set("slot", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  -- threads start far apart in the list, so that they never send the same token at the same time
  index = math.floor(slot * #tokens / 8)
end

function request()
  index = index % #tokens + 1
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. tokens[index] })
end
