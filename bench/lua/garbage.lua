-- Garbage bearer tokens, none alike: JWT-shaped (so they pass the length and syntax checks and reach the decoder),
-- half of them with the header of a real token, so that they get as far as the signature check. Each connection
-- pauses a random time around connections * 1000 / rate ms after each answer (refusals come back at once, so this
-- offers about the rate): args: file with one valid token, target rate (requests per second for the whole run),
-- connections.
local header = ""
local pause = 0
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

function init(args)
  local file = assert(io.open(args[1]))
  header = file:read("*l"):match("^([^.]+)%.")
  file:close()
  pause = math.floor(tonumber(args[3]) * 1000 / tonumber(args[2]))
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

local function random_part(length)
  local out = {}
  for i = 1, length do
    local n = math.random(1, #alphabet)
    out[i] = alphabet:sub(n, n)
  end
  return table.concat(out)
end

-- a random pause around the mean, as from many clients that do not know of each other: with the same pause
-- everywhere, wrk's connections fell into step and sent their tokens in bursts, all 64 within a millisecond or two
function delay()
  return math.random(0, 2 * pause)
end

function request()
  local first = (math.random() < 0.5) and header or ("eyJ" .. random_part(30))
  local token = first .. "." .. random_part(math.random(100, 400)) .. "." .. random_part(342)
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. token })
end
