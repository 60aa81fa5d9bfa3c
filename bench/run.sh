#!/usr/bin/env bash
# Measures the cost of authentication at the edge against its limits, side by side, in one run on this machine,
# and writes the table to docs/PERFORMANCE.md. Not a test: run it on demand.
#
#   bench/run.sh          full run (about 10 minutes)
#   bench/run.sh --quick  short run (about 2 minutes, build included; too short a warm-up for figures to keep)
#
# Needs: a JDK 17, wrk, nginx, redis-server and redis-benchmark (Debian: apt-get install wrk nginx redis-server
# redis-tools). Ports 18080/18090 (gateway), 18081 (nginx), 16379 (redis) must be free.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
if [ $QUICK = 1 ]; then
  DURATION=5s; ROUNDS=2; WARMUP=6s; WARM_EACH=3s; JMH_ITER=1; JMH_TIME=1s; PROOFS=9000; TOKENS=5000; MODE=quick
  # only what the login ceiling needs; the table of algorithms is the full run's
  JMH_BENCHMARKS='CryptoBenchmarks\.(verifyClientProofRsa2048|signRs256)$'
else
  DURATION=15s; ROUNDS=3; WARMUP=60s; WARM_EACH=5s; JMH_ITER=5; JMH_TIME=2s; PROOFS=80000; TOKENS=40000; MODE=full
  JMH_BENCHMARKS=CryptoBenchmarks
fi
CONNECTIONS=32
# one load thread: the second core is the gateway's (and nginx's); a 2-core machine has no more to give
THREADS=1
ISSUER=http://127.0.0.1:18080

for tool in java wrk nginx redis-server redis-benchmark redis-cli curl jcmd python3; do
  command -v $tool >/dev/null || { echo "missing $tool: apt-get install wrk nginx redis-server redis-tools" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/seta-bench.XXXXXX)
RESULTS=$WORK/results.txt
GATEWAY_PID=""
cleanup() {
  [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null || true
  nginx -c "$ROOT/bench/nginx.conf" -s stop 2>/dev/null || true
  redis-cli -p 16379 shutdown nosave 2>/dev/null || true
}
trap cleanup EXIT

echo "== build"
# one Maven run: package compiles the tests too (skipTests only skips running them)
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"

echo "== fixtures ($PROOFS proofs, $TOKENS tokens)"
java -cp "$CP" eu.seta.gateway.bench.BenchFixtures "$WORK" $PROOFS $TOKENS $ISSUER
# each load gets proofs of its own: a proof sent twice is a replay, refused
split -n l/3 -d "$WORK/proofs.txt" "$WORK/proofs-"

echo "== JMH"
java -cp "$CP" org.openjdk.jmh.Main "$JMH_BENCHMARKS" -f 1 -t 1 -wi $JMH_ITER -i $JMH_ITER -w $JMH_TIME -r $JMH_TIME \
  -rf json -rff "$WORK/jmh.json" > "$WORK/jmh.log"

echo "== backend, redis, gateway"
nginx -c "$ROOT/bench/nginx.conf"
redis-server --port 16379 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$WORK/redis.log"
java -Xms512m -Xmx512m -jar target/seta-gateway-*.jar \
  --server.port=18080 --management.server.port=18090 \
  --seta.token.issuer=$ISSUER --seta.keys.directory="$WORK/keys" --seta.directory.file="$WORK/principals.yml" \
  --seta.store.type=redis --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=16379 \
  --SEARCH_URI=http://127.0.0.1:18081 --UI_URI=http://127.0.0.1:18081 \
  --seta.edge.verified-token-cache-size=100 \
  --seta.rate-limit.failures-per-address=1000000 --seta.rate-limit.failures-per-login=1000000 \
  > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 120); do
  curl -sf http://127.0.0.1:18090/actuator/health/readiness >/dev/null && break
  sleep 1
done

run() {  # name, then wrk arguments; the file name carries the round
  local name=$1; shift
  echo "-- $name"
  wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency "$@" > "$WORK/$name.wrk" 2>&1
  echo "$name $WORK/$name.wrk" >> "$RESULTS"
}
PUBLIC=http://127.0.0.1:18080/seta-ui/index.html
PROTECTED=http://127.0.0.1:18080/seta-search/api/v1/corpus

echo "== warm-up ($WARMUP): the JIT compiles the request path before anything is measured"
wrk -t$THREADS -c$CONNECTIONS -d$WARMUP -s bench/lua/bearers.lua $PROTECTED -- "$WORK/tokens.txt" >/dev/null
wrk -t$THREADS -c$CONNECTIONS -d$WARM_EACH $PUBLIC >/dev/null
wrk -t$THREADS -c$CONNECTIONS -d$WARM_EACH -s bench/lua/bearer.lua $PROTECTED -- "$WORK/token.txt" >/dev/null
wrk -t$THREADS -c8 -d$WARM_EACH -s bench/lua/refresh.lua http://127.0.0.1:18080 -- "$WORK/proofs-02" $(( PROOFS / 6 )) >/dev/null

echo "== 1. validation tax, $ROUNDS rounds of (a) (b) (c) (d), so that drift hits all alike"
for round in $(seq 1 $ROUNDS); do
  run a-public.$round $PUBLIC
  run b-one-token.$round -s bench/lua/bearer.lua $PROTECTED -- "$WORK/token.txt"
  run c-distinct-tokens.$round -s bench/lua/bearers.lua $PROTECTED -- "$WORK/tokens.txt"
  run d-backend-direct.$round http://127.0.0.1:18081/seta-search/api/v1/corpus
done

echo "== 2. token issuance"
run token-issuance -s bench/lua/login.lua http://127.0.0.1:18080 -- "$WORK/proofs-00"

echo "== 3. refresh rotation"
run refresh-rotation -s bench/lua/refresh.lua http://127.0.0.1:18080 -- "$WORK/proofs-02"
python3 bench/redis_rotation.py 16379 "$WORK" $DURATION >> "$RESULTS"

echo "== 4. isolation: (b) alone and (b) while /token runs at half its capacity"
CAPACITY=$(python3 bench/report.py rps "$WORK/token-issuance.wrk")
HALF=$(python3 -c "print(max(1, int($CAPACITY / 2)))")
run b-alone -s bench/lua/bearer.lua $PROTECTED -- "$WORK/token.txt"
wrk -t1 -c8 -d$(( ${DURATION%s} + 4 ))s -s bench/lua/login.lua http://127.0.0.1:18080 -- "$WORK/proofs-01" $HALF 8 \
  > "$WORK/isolation-login.wrk" 2>&1 &
LOGIN_LOAD=$!
sleep 2
run b-during-issuance -s bench/lua/bearer.lua $PROTECTED -- "$WORK/token.txt"
wait $LOGIN_LOAD || true
echo "isolation-login $WORK/isolation-login.wrk" >> "$RESULTS"

echo "== 5. memory"
jcmd $GATEWAY_PID GC.run >/dev/null
sleep 1
curl -s http://127.0.0.1:18090/actuator/prometheus > "$WORK/prometheus.txt"
echo "prometheus $WORK/prometheus.txt" >> "$RESULTS"
redis-cli -p 16379 --eval bench/memory-usage.lua , "seta:s:*" > "$WORK/redis-memory.txt"
echo "redis-memory $WORK/redis-memory.txt" >> "$RESULTS"

echo "== report"
python3 bench/report.py write "$RESULTS" "$WORK/jmh.json" "$MODE" "$THREADS" "$CONNECTIONS" "$DURATION"
echo "work files in $WORK"
