#!/usr/bin/env python3
"""The ceiling of refresh rotation: redis-benchmark running the gateway's own rotation script on the same Redis.

Creates 10 000 sessions whose current token hash stays the same when rotated (next = presented), so that every
call takes the full rotation path: read the session, rewrite it, re-index it, reset both TTLs.
Usage: redis_rotation.py <port> <work folder> <duration such as 20s>; prints "redis-rotation <file>".
"""
import os
import subprocess
import sys
import time

port, work, duration = sys.argv[1], sys.argv[2], sys.argv[3]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
script = open(os.path.join(root, "src/main/resources/seta/redis/rotate-session.lua")).read()
cli = ["redis-cli", "-p", port]
sha = subprocess.check_output(cli + ["SCRIPT", "LOAD", script], text=True).strip()
now = int(time.time() * 1000)
create = """
for i = 0, 9999 do
  local id = string.format('%012d', i)
  local key = 'bench:s:{' .. id .. '}:x'
  redis.call('HSET', key, 'p', 'u-bench', 'c', 'h', 'i', ARGV[1] + 86400000, 'a', ARGV[1] + 2592000000)
  redis.call('PEXPIRE', key, 2592000000)
end
return 10000
"""
subprocess.check_output(cli + ["EVAL", create, "0", str(now)], text=True)
# about half the duration at the ~25 000 calls/s this Redis manages
requests = int(duration.rstrip("s")) * 15000
out = subprocess.check_output(
    ["redis-benchmark", "-p", port, "-c", "32", "-n", str(requests), "-r", "10000", "--csv",
     "EVALSHA", sha, "2", "bench:s:{__rand_int__}:x", "bench:p:{__rand_int__}",
     "x", "h", "h", str(now), "86400000", "0"], text=True)
path = os.path.join(work, "redis-rotation.csv")
open(path, "w").write(out)
print("redis-rotation " + path)
