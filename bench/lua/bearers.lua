-- (c) every request carries another access token, none seen before within the cache's reach.
-- args: file with one token per line
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "slices.lua")
local tokens = {}
local index = 0

function init(args)
  tokens = read_lines(args[1])
  index = slice_start(#tokens)
end

function request()
  index = index % #tokens + 1
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. tokens[index] })
end
