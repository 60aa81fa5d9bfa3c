-- (b) every request carries the same access token: after the first, the verified-token cache answers.
-- args: file with one token
function init(args)
  local file = assert(io.open(args[1]))
  wrk.headers["Authorization"] = "Bearer " .. file:read("*l")
  file:close()
end
