#!/usr/bin/env bash
# Clients that try to exhaust the edge, at full size, against a gateway started as in production (its timeouts from
# config/application.yml): 500 slow clients and 2 000 idle keep-alive connections while a normal client logs in and
# calls a route; a 20 MB body to the token endpoint; a 1 GB upload through a route; 100 000 different garbage bearer
# tokens a minute beside valid calls. Not a test: run it on demand, then copy the figures into docs/TESTING.md.
#
#   bench/exhaust.sh            everything (about 17 minutes)
#   GARBAGE_ONLY=1 bench/exhaust.sh   only the garbage tokens beside valid calls (about 11 minutes)
#   ROUNDS=n, JVM_FLAGS='-Xms512m -Xmx512m -Xlog:gc:file=/tmp/gc.log'   fewer rounds; the gateway's JVM flags
#
# Needs: a JDK 17+, wrk, nginx, curl, python3 (Debian: apt-get install wrk nginx curl python3). Ports 18180/18190
# (gateway), 18181 and 18185 (nginx) and 18184 (upload sink) must be free.
set -euo pipefail
# everything at nice 10, the script and all it starts: the clients, the backends and the gateway at one priority, so
# that none of them takes the CPU from another by rank (the gateway at a lower one lost it to the garbage's client)
renice -n 10 -p $$ > /dev/null
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ISSUER=http://127.0.0.1:18180
GATEWAY=http://127.0.0.1:18180
JVM_FLAGS=${JVM_FLAGS:-"-Xms512m -Xmx512m"}
SLOW=${SLOW:-500}
IDLE=${IDLE:-2000}
GARBAGE_RATE=1667   # per second: 100 000 a minute
# the steady client's offered rate, beside the garbage: what it sees is latency, not a share of the capacity
VALID_RATE=${VALID_RATE:-500}
GARBAGE_ONLY=${GARBAGE_ONLY:-0}
for tool in java jcmd wrk nginx curl python3; do
  command -v $tool >/dev/null || { echo "missing $tool: apt-get install wrk nginx curl python3" >&2; exit 1; }
done
for port in 18180 18190 18181 18184 18185; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "port $port is in use: stop what listens there first" >&2
    exit 1
  fi
done
# 2 500 client sockets and as many on the gateway's side
ulimit -n "$(ulimit -Hn)"

WORK=$(mktemp -d /tmp/seta-exhaust.XXXXXX)
GATEWAY_PID=""; SINK_PID=""; NGINX_STARTED=0; REFUSER_STARTED=0
cleanup() {
  for pid in $GATEWAY_PID $SINK_PID; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ $NGINX_STARTED = 1 ] && { nginx -c "$ROOT/bench/exhaust/nginx.conf" -s stop 2>/dev/null || true; }
  [ $REFUSER_STARTED = 1 ] && { nginx -c "$ROOT/bench/exhaust/refuser-nginx.conf" -s stop 2>/dev/null || true; }
}
trap cleanup EXIT
phase() { echo "== [${SECONDS}s] $*"; }

# live heap in KiB, after a full collection
live_heap() {
  jcmd "$GATEWAY_PID" GC.run > /dev/null
  jcmd "$GATEWAY_PID" GC.heap_info | awk '/total .* used/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub("K,?", "", $(i+1)); print $(i+1); exit } }'
}

phase "build"
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" \
  -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"
GATEWAY_JAR=$(ls target/seta-gateway-*.jar | grep -v original | head -1)
java -cp "$CP" eu.seta.gateway.bench.BenchFixtures "$WORK" 3000 10 $ISSUER
# each proof logs in once: the warm-up gets its own
head -n 2800 "$WORK/proofs.txt" > "$WORK/proofs-warm.txt"
tail -n 200 "$WORK/proofs.txt" > "$WORK/proofs-clients.txt"

phase "backends: nginx, upload sink"
nginx -c "$ROOT/bench/exhaust/nginx.conf"
NGINX_STARTED=1
python3 bench/exhaust/upload_sink.py 18184 & SINK_PID=$!

phase "gateway"
(cd "$WORK" && exec java $JVM_FLAGS -jar "$ROOT/$GATEWAY_JAR" --spring.config.additional-location="file:$ROOT/config/" \
  --server.port=18180 --management.server.port=18190 \
  --seta.token.issuer=$ISSUER --seta.keys.directory="$WORK/keys" --seta.directory.file="$WORK/principals.yml" \
  --SEARCH_URI=http://127.0.0.1:18181 --NLP_URI=http://127.0.0.1:18184 --UI_URI=http://127.0.0.1:18181 \
  --seta.rate-limit.failures-per-address=1000000 --seta.rate-limit.failures-per-login=1000000 \
  --seta.edge.quota.enabled=false > "$WORK/gateway.log" 2>&1) & GATEWAY_PID=$!
until curl -sf -o /dev/null -m 1 http://127.0.0.1:18190/actuator/health; do
  kill -0 $GATEWAY_PID 2>/dev/null || { echo "gateway died: $WORK/gateway.log" >&2; exit 1; }
  sleep 0.5
done
TOKEN=$(cat "$WORK/token.txt")
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" $GATEWAY/seta-search/api/v1/corpus
# JIT and caches warm before anything is measured: logins (paced at 100/s) and proxied calls
wrk -t1 -c4 -d20s -s bench/lua/login.lua $GATEWAY -- "$WORK/proofs-warm.txt" 100 > /dev/null
wrk -t1 -c8 -d10s -s bench/lua/bearer.lua $GATEWAY/seta-search/api/v1/corpus -- "$WORK/token.txt" > /dev/null

if [ "$GARBAGE_ONLY" = 0 ]; then
phase "$SLOW slow clients and $IDLE idle keep-alive connections, a normal client beside them (75 s)"
python3 bench/exhaust/clients.py 127.0.0.1 18180 $SLOW $IDLE 75 "$WORK/proofs-clients.txt" "$TOKEN" \
  | tee "$WORK/clients.json"

phase "20 MB body to the token endpoint"
head -c $((20 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$WORK/20mb.json"
curl -s -o "$WORK/20mb.answer" -w 'status=%{http_code} uploaded=%{size_upload} seconds=%{time_total}\n' \
  -H 'Content-Type: application/json' --data-binary @"$WORK/20mb.json" $GATEWAY/authentication/v1/token \
  | tee "$WORK/20mb.txt"
cat "$WORK/20mb.answer"; echo

phase "1 GB upload through a route"
truncate -s 1G "$WORK/1gb.bin"
BEFORE=$(live_heap)
curl -s -o "$WORK/1gb.answer" -w 'status=%{http_code} uploaded=%{size_upload} seconds=%{time_total}\n' \
  -X POST -T "$WORK/1gb.bin" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/octet-stream' \
  $GATEWAY/seta-nlp/upload > "$WORK/1gb.txt" & UPLOAD=$!
MAX=$BEFORE
while kill -0 $UPLOAD 2>/dev/null; do
  NOW=$(live_heap); [ "$NOW" -gt "$MAX" ] && MAX=$NOW
  sleep 1
done
wait $UPLOAD
cat "$WORK/1gb.txt"; cat "$WORK/1gb.answer"; echo
echo "live heap before ${BEFORE} KiB, highest during the upload ${MAX} KiB, growth $(( (MAX - BEFORE) / 1024 )) MiB" \
  | tee "$WORK/1gb-heap.txt"
fi

# the gateway's CPU time so far, user and system, in clock ticks (1/100 s)
gateway_ticks() {
  awk '{ print $14 + $15 }' /proc/$GATEWAY_PID/stat
}

# what a steady client sees: 15 s at full speed, then 15 s at $VALID_RATE a second; $1 names the files
valid_calls() {
  gateway_ticks > "$WORK/cpu-$1.txt"
  wrk -t1 -c4 -d15s --latency -s bench/lua/bearer.lua $GATEWAY/seta-search/api/v1/corpus -- "$WORK/token.txt" \
    > "$WORK/valid-$1.wrk"
  wrk -t1 -c4 -d15s --latency -s bench/lua/bearer-paced.lua $GATEWAY/seta-search/api/v1/corpus -- "$WORK/token.txt" \
    $VALID_RATE > "$WORK/valid-paced-$1.wrk"
  gateway_ticks >> "$WORK/cpu-$1.txt"
}

# valid calls beside garbage sent to $1, from 5 s before they start until they end; $2 names the files
beside_garbage() {
  # wrk holds each connection for the answer, then the pause: 64 connections leave room for the rate at ~35 ms each
  wrk -t1 -c64 -d36s -s bench/lua/garbage.lua "$1" -- "$WORK/token.txt" $GARBAGE_RATE 64 > "$WORK/garbage-$2.wrk" &
  local garbage=$!
  sleep 5
  valid_calls "$2"
  wait $garbage
}

# the same garbage at the control (bench/exhaust/refuser-nginx.conf), which refuses it as cheaply as nginx can: what
# the garbage costs the valid calls on this shared machine with no gateway in it (the load generator, the kernel)
nginx -c "$ROOT/bench/exhaust/refuser-nginx.conf"
REFUSER_STARTED=1

# this machine's speed drifts by a third from minute to minute: the three cases take turns, in a new order each round
ROUNDS=${ROUNDS:-5}
HEAP_BEFORE=$(live_heap)
for round in $(seq 1 $ROUNDS); do
  case $(( round % 3 )) in
    1) order="alone gateway control" ;;
    2) order="gateway control alone" ;;
    0) order="control alone gateway" ;;
  esac
  for case in $order; do
    phase "round $round: valid calls $case"
    case $case in
      alone) valid_calls "alone-$round" ;;
      gateway) beside_garbage $GATEWAY/seta-search/api/v1/corpus "gateway-$round" ;;
      control) beside_garbage http://127.0.0.1:18185/seta-search/api/v1/corpus "control-$round" ;;
    esac
  done
done
HEAP_AFTER=$(live_heap)
phase "garbage alone: the gateway's CPU per garbage token (20 s)"
gateway_ticks > "$WORK/cpu-garbage-alone.txt"
wrk -t1 -c64 -d20s -s bench/lua/garbage.lua $GATEWAY/seta-search/api/v1/corpus -- "$WORK/token.txt" $GARBAGE_RATE 64 \
  > "$WORK/garbage-alone.wrk"
gateway_ticks >> "$WORK/cpu-garbage-alone.txt"

python3 bench/exhaust/beside_report.py "$WORK" $ROUNDS | tee "$WORK/garbage-report.txt"
echo "live heap before the garbage ${HEAP_BEFORE} KiB, after ${HEAP_AFTER} KiB" | tee "$WORK/garbage-heap.txt"
curl -s http://127.0.0.1:18190/actuator/prometheus | grep -E '^seta_bearer_rejected_total|^cache_size\{cache="seta.bearer' \
  | tee "$WORK/garbage-metrics.txt"
echo "results in $WORK"
