-- Shared by the scripts that send one input line per request: each wrk thread (at most 8) starts at its own eighth
-- of the file, so that no two threads send the same line (a replayed proof or refresh token would be refused).
threads = {}

function setup(thread)
  thread:set("slot", #threads)
  table.insert(threads, thread)
end

function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    lines[#lines + 1] = line
  end
  return lines
end

-- index before this thread's first line of a list of count lines; `slot` is set by setup
function slice_start(count)
  return math.floor(slot * count / 8)
end
