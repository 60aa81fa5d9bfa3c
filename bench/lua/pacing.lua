-- An offered rate for a wrk thread's connections together: each request takes the next slot of a fixed schedule
-- (one every 1000 / rate ms) and waits for it. A pause after each answer (connections * 1000 / rate ms) offers the
-- rate only when answers take no time: with 8 connections and logins answered in 8 to 20 ms, a load meant as
-- 900 logins/s offered about 450. When the gateway falls behind, requests go out as soon as a connection is free,
-- and the schedule starts again from then instead of sending the missed slots in a burst.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } seta_pacing_timespec;
int clock_gettime(int clock, seta_pacing_timespec *time);
]]
local CLOCK_MONOTONIC = 1
local time = ffi.new("seta_pacing_timespec")
local interval = 0
local next_slot = 0

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, time)
  return tonumber(time.tv_sec) * 1000 + tonumber(time.tv_nsec) / 1e6
end

-- rate: requests per second for this thread's connections together; nil or 0 for no pacing
function pace(rate)
  interval = (rate ~= nil and rate > 0) and 1000 / rate or 0
end

-- milliseconds to wait before the next request (wrk rounds it down to whole milliseconds, one slot at a time)
function paced_delay()
  if interval == 0 then
    return 0
  end
  local now = now_ms()
  if next_slot < now then
    next_slot = now
  end
  local wait = next_slot - now
  next_slot = next_slot + interval
  return math.floor(wait)
end
