#!/usr/bin/env bash
# Measures the cost of authentication at the edge against its limits and its peers, side by side, in one run on
# this machine, and writes the tables to docs/PERFORMANCE.md. Not a test: run it on demand.
#
#   bench/run.sh          full run (about 25 minutes)
#   bench/run.sh --quick  short run (about 2.5 minutes once built, most of it JVMs starting; too short a warm-up
#                         for figures to keep, and the gateway runs without the AOT cache: it checks that every
#                         phase works)
#
# BENCH_JAVA=/path/to/bin/java picks the JVM of all three gateways (default: java on PATH). With a JDK 25 or later
# the product runs as its image does (Dockerfile): extracted, with an AOT cache from a training run; the peers run
# on the same JVM from their jars.
#
# Needs: a JDK 17 (or later), wrk, nginx, redis-server, redis-benchmark, redis-cli, openssl, curl, python3 (Debian: apt-get
# install wrk nginx redis-server redis-tools openssl curl python3). Ports 18080/18090 (gateway), 18081 (nginx),
# 18082 (bare gateway), 18083 (resource-server gateway), 18084/18094 (the gateway's twin of phase 6) and 16379
# (redis) must be free.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
if [ $QUICK = 1 ]; then
  DURATION=1s; ROUNDS=2; WARM_FRESH=2s; WARM_EACH=1s; WARM_PEER=2s; READY_WINDOW=4; BARE_READY_WINDOW=3
  OPENSSL_SECONDS=1; JMH_ITER=1; JMH_TIME=1s; JMH_FORKS=0; PROOFS=16000; TOKENS=5000; MODE=quick; WARM_LOGIN=2s
  WARM_PUBLIC=1s
  PROPAGATIONS=50; STARTS=1
  # only what the login ceiling needs; the table of algorithms is the full run's
  JMH_BENCHMARKS='CryptoBenchmarks\.(verifyClientProofRsa2048|signRs256)$'
  JMH_PARAMS='-p provider=auto'
else
  DURATION=12s; ROUNDS=3; WARM_FRESH=30s; WARM_EACH=5s; WARM_PEER=60s; READY_WINDOW=120; BARE_READY_WINDOW=60
  OPENSSL_SECONDS=10; JMH_ITER=5; JMH_TIME=2s; JMH_FORKS=1; PROOFS=400000; TOKENS=40000; MODE=full; WARM_LOGIN=30s
  WARM_PUBLIC=30s
  PROPAGATIONS=200
  # start to ready is the median of this many starts of the gateway and of the bare one: the same start on this
  # machine took 3.9 s one minute and 5.3 s a few minutes before
  STARTS=3
  JMH_BENCHMARKS=CryptoBenchmarks
  JMH_PARAMS=""
fi
CONNECTIONS=32
# one load thread: the second core is the gateway's (and nginx's); a 2-core machine has no more to give
THREADS=1
# the same heap for the three JVMs, so that none of them wins by collecting less often
JVM_FLAGS="-Xms512m -Xmx512m"
JAVA=${BENCH_JAVA:-java}
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
ISSUER=http://127.0.0.1:18080
GATEWAY=http://127.0.0.1:18080
BACKEND=http://127.0.0.1:18081
BARE=http://127.0.0.1:18082
RS=http://127.0.0.1:18083  # the resource-server gateway
REDIS_PORT=16379

for tool in java jcmd wrk nginx redis-server redis-benchmark redis-cli openssl curl python3; do
  command -v $tool >/dev/null || {
    echo "missing $tool: apt-get install openjdk-17-jdk-headless wrk nginx redis-server redis-tools openssl curl" \
      "python3" >&2
    exit 1
  }
done
# a second run at the same time (another worktree) would share these ports and measure two loads at once
for port in 18080 18090 18081 18082 18083 18084 18094 $REDIS_PORT; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "port $port is in use (another bench run?): stop what listens there first" >&2
    exit 1
  fi
done

WORK=$(mktemp -d /tmp/seta-bench.XXXXXX)
RESULTS=$WORK/results.txt
# other work on the machine before the bench starts is the one disturbance the report can point at
cut -d' ' -f1 /proc/loadavg > "$WORK/load-before.txt"
echo "load-before $WORK/load-before.txt" >> "$RESULTS"
GATEWAY_PID=""; TWIN_PID=""; BARE_PID=""; RS_PID=""; LOGIN_LOAD=""; NGINX_STARTED=0; REDIS_STARTED=0
cleanup() {
  # all asked at once: each JVM's graceful shutdown takes its own seconds
  for pid in $LOGIN_LOAD $RS_PID $BARE_PID $TWIN_PID $GATEWAY_PID; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $LOGIN_LOAD $RS_PID $BARE_PID $TWIN_PID $GATEWAY_PID; do
    wait "$pid" 2>/dev/null || true
  done
  [ $NGINX_STARTED = 1 ] && { nginx -c "$ROOT/bench/nginx.conf" -s stop 2>/dev/null || true; }
  [ $REDIS_STARTED = 1 ] && { redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true; }
}
trap cleanup EXIT

phase() {  # a heading with the seconds since the start, so that a slow step shows
  echo "== [${SECONDS}s] $*"
}

now_ms() {
  local us=${EPOCHREALTIME/./}
  echo $(( us / 1000 ))
}

# Polls url every 50 ms until it answers 2xx; prints the milliseconds since $2 (the launch). Gives up when the
# process is gone or after two minutes, pointing at its log.
wait_ready() {
  local url=$1 launched=$2 pid=$3 log=$4
  while ! curl -sf -o /dev/null -m 1 "$url"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $(( $(now_ms) - launched )) -gt 120000 ]; then
      echo "not ready: $url (see $log)" >&2
      exit 1
    fi
    sleep 0.05
  done
  echo $(( $(now_ms) - launched ))
}

# Fails the run at once if a configuration does not answer 200, rather than measuring error pages.
expect_ok() {
  local what=$1; shift
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$@")
  [ "$status" = 200 ] || { echo "$what answered $status instead of 200 (logs in $WORK)" >&2; exit 1; }
}

run() {  # name, then wrk arguments; the file name carries the round
  local name=$1; shift
  echo "-- $name"
  wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency "$@" > "$WORK/$name.wrk" 2>&1
  echo "$name $WORK/$name.wrk" >> "$RESULTS"
}

# Ready to full speed: 1-second wrk runs from the moment the JVM is ready until `window` seconds later. Each line of
# the .slices file is "<ms since ready at the end of the slice> <requests/s> <non-2xx>"; the report compares them
# with the steady figure measured later in the run. The slices are also the first part of that JVM's warm-up.
slices() {  # name, window in seconds, ready time (ms), then wrk arguments
  local name=$1 window=$2 ready=$3; shift 3
  local out=$WORK/$name.slices
  : > "$out"
  while [ $(( $(now_ms) - ready )) -lt $(( window * 1000 )) ]; do
    wrk -t$THREADS -c$CONNECTIONS -d1s "$@" > "$WORK/slice.wrk" 2>&1 || true
    echo "$(( $(now_ms) - ready )) $(awk '/Requests\/sec/ { print $2 }' "$WORK/slice.wrk") \
$(awk '/Non-2xx/ { print $5 }' "$WORK/slice.wrk")" >> "$out"
  done
  echo "slices-$name $out" >> "$RESULTS"
}

redis_commands() {
  redis-cli -p $REDIS_PORT INFO stats | tr -d '\r' | awk -F: '$1 == "total_commands_processed" { print $2 }'
}

tokens_issued() {  # the gateway's own count of issued tokens (logins), from its metrics
  curl -sf http://127.0.0.1:18090/actuator/prometheus \
    | awk '/^seta_tokens_issued_total/ { n += $NF } END { printf "%d\n", n }'
}

phase "build"
# one Maven run: package compiles the tests too (skipTests only skips running them). Maven would repackage the jar
# even when nothing changed, eight seconds of a quick run: a class path written after the last change to the
# sources, the pom and the wrapper's settings marks a build that is current.
BUILT=target/bench-classpath.txt
if [ -f "$BUILT" ] && compgen -G "target/seta-gateway-*.jar" > /dev/null \
    && [ -z "$(find src pom.xml .mvn -newer "$BUILT" -print -quit)" ]; then
  cp "$BUILT" "$WORK/classpath.txt"
else
  ./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" \
    -Dmdep.includeScope=test
  cp "$WORK/classpath.txt" "$BUILT"
fi
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"
# The peers are separate Maven projects (bench/peers/*), one Maven run for both. Maven would repackage their jars
# even when nothing changed, which costs the quick run seconds: they are built from bench/peers alone, so a jar
# newer than every file there is current.
BARE_JAR=bench/peers/bare-gateway/target/bare-gateway-0.1.0-SNAPSHOT.jar
RS_JAR=bench/peers/resource-server-gateway/target/resource-server-gateway-0.1.0-SNAPSHOT.jar
if [ ! -f "$BARE_JAR" ] || [ ! -f "$RS_JAR" ] \
    || [ -n "$(find bench/peers -name target -prune -o -type f -newer "$BARE_JAR" -print -quit)" ]; then
  ./mvnw -B -q -f bench/peers/pom.xml package
fi
GATEWAY_JAR=$(ls target/seta-gateway-*.jar)
# The gateway's command, as the image runs it: on the beans the build generated ahead of time (spring.aot.enabled;
# the bench's settings are the ones they were built for, which the gateway checks), and when the JVM can, with the
# AOT cache (JDK 25+), which needs the extracted layout.
GATEWAY_CMD=("$JAVA" $JVM_FLAGS -Dspring.aot.enabled=true -jar "$GATEWAY_JAR")
# (not in the quick run: the training run alone took a fifth of it)
if [ "${JAVA_FEATURE%%.*}" -ge 25 ] && [ $QUICK = 0 ]; then
  "$JAVA" -Djarmode=tools -jar "$GATEWAY_JAR" extract --destination "$WORK/app" > /dev/null
  GATEWAY_CMD=("$JAVA" $JVM_FLAGS -Dspring.aot.enabled=true -XX:AOTCache="$WORK/app/app.aot" \
    -jar "$WORK/app/$(basename "$GATEWAY_JAR")")
fi

phase "fixtures ($PROOFS proofs, $TOKENS tokens)"
"$JAVA" -cp "$CP" eu.seta.gateway.bench.BenchFixtures "$WORK" $PROOFS $TOKENS $ISSUER
# each load gets proofs of its own: a proof sent twice is a replay, refused. 45 % for the issuance rounds (the full
# run's 400 000 last 12-second rounds of up to 5 000 logins/s; 240 000 ran out at 3 300/s, and the refused replays
# counted as logins), 30 % for the login warm-up, 20 % for the isolation rounds' logins (15 seconds of up to 1 770
# logins/s each), the rest for the refresh chains
proof_lines() {  # file, first line, line count
  sed -n "$(( $2 + 1 )),$(( $2 + $3 ))p" "$WORK/proofs.txt" > "$1"
}
for round in $(seq 1 $ROUNDS); do
  proof_lines "$WORK/proofs-00.$round" $(( (round - 1) * PROOFS * 9 / 20 / ROUNDS )) $(( PROOFS * 9 / 20 / ROUNDS ))
  proof_lines "$WORK/proofs-01.$round" $(( PROOFS * 15 / 20 + (round - 1) * PROOFS / 5 / ROUNDS )) \
    $(( PROOFS / 5 / ROUNDS ))
done
proof_lines "$WORK/proofs-warm" $(( PROOFS * 9 / 20 )) $(( PROOFS * 3 / 10 ))
proof_lines "$WORK/proofs-02" $(( PROOFS * 19 / 20 )) $(( PROOFS / 20 ))

phase "ceilings: openssl speed rsa2048 (${OPENSSL_SECONDS}s each), then JMH"
# one process, so one core; nothing else of the bench runs yet
openssl speed -seconds $OPENSSL_SECONDS rsa2048 > "$WORK/openssl.txt" 2>&1
echo "openssl $WORK/openssl.txt" >> "$RESULTS"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main "$JMH_BENCHMARKS" $JMH_PARAMS -f $JMH_FORKS -t 1 -wi $JMH_ITER -i $JMH_ITER -w $JMH_TIME -r $JMH_TIME \
  -rf json -rff "$WORK/jmh.json" > "$WORK/jmh.log"

phase "backend, redis"
nginx -c "$ROOT/bench/nginx.conf"
NGINX_STARTED=1
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$WORK/redis.log"
REDIS_STARTED=1

PUBLIC=$GATEWAY/seta-ui/index.html
PROTECTED=$GATEWAY/seta-search/api/v1/corpus
PEER_PATH=/seta-search/api/v1/corpus
TOKEN=$(cat "$WORK/token.txt")

# The three JVMs start one after the other, each warmed while the others sit idle, so that no JVM's start or
# JIT work competes with another one's measurement.
# seta.edge.trusted-proxies: the logins (bench/lua/login.lua) come from many client addresses, through the loopback
# as their load balancer.
# seta.edge.quota.enabled=false: the search route's quota (20/s per principal) would refuse the bench's one token
# almost every call, and the bare gateway it is compared with has none
GATEWAY_ARGS=(--server.port=18080 --management.server.port=18090 \
  --seta.token.issuer=$ISSUER --seta.keys.directory="$WORK/keys" --seta.directory.file="$WORK/principals.yml" \
  --seta.store.type=redis --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT \
  --SEARCH_URI=$BACKEND --UI_URI=$BACKEND \
  --seta.edge.verified-token-cache-size=100 \
  --seta.rate-limit.failures-per-address=1000000 --seta.rate-limit.failures-per-login=1000000 \
  --seta.edge.quota.enabled=false --seta.edge.trusted-proxies=127.0.0.1/32)
if [ "${JAVA_FEATURE%%.*}" -ge 25 ] && [ $QUICK = 0 ]; then
  phase "gateway: AOT cache training run (as the image build does)"
  "$JAVA" $JVM_FLAGS -Dspring.aot.enabled=true -XX:AOTCacheOutput="$WORK/app/app.aot" -Dspring.context.exit=onRefresh \
    -jar "$WORK/app/$(basename "$GATEWAY_JAR")" "${GATEWAY_ARGS[@]}" > "$WORK/aot-training.log" 2>&1
  echo "aot-cache $WORK/aot-training.log" >> "$RESULTS"
fi
phase "gateway: start to ready ($STARTS starts), ready to full speed (${READY_WINDOW}s of 1-second slices), warm-up"
: > "$WORK/ready-gateway.txt"
for (( start = 1; start <= STARTS; start++ )); do
  LAUNCHED=$(now_ms)
  "${GATEWAY_CMD[@]}" "${GATEWAY_ARGS[@]}" > "$WORK/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  READY_MS=$(wait_ready http://127.0.0.1:18090/actuator/health/readiness "$LAUNCHED" $GATEWAY_PID "$WORK/gateway.log")
  READY_AT=$(now_ms)
  echo "start to ready: $READY_MS ms"
  # a start that fell back to parsing the configuration classes would be measured as if it had not
  grep -q "Starting AOT-processed" "$WORK/gateway.log" \
    || { echo "the gateway did not start on its ahead-of-time beans (see $WORK/gateway.log)" >&2; exit 1; }
  echo "$READY_MS" >> "$WORK/ready-gateway.txt"
  if [ $start -lt $STARTS ]; then  # the last start is the one that goes on to the slices
    kill $GATEWAY_PID; wait $GATEWAY_PID 2>/dev/null || true
  fi
done
echo "ready-gateway $WORK/ready-gateway.txt" >> "$RESULTS"
slices gateway $READY_WINDOW "$READY_AT" -s bench/lua/bearer.lua "$PROTECTED" -- "$WORK/token.txt"
expect_ok "the gateway's protected route" -H "Authorization: Bearer $TOKEN" "$PROTECTED"
# the slices warmed the reused-token path; the rest of its paths get theirs
wrk -t$THREADS -c$CONNECTIONS -d$WARM_FRESH -s bench/lua/bearers.lua "$PROTECTED" -- "$WORK/tokens.txt" >/dev/null
# the public route is a route of its own (/seta-ui): on a gateway that had served every other load, its first seconds
# ran at a tenth to a half of its speed, the compiler threads on most of a core for more than 8 s; with 5 s of it,
# the gateway's last (a) round of a full run was 1.15 times its first
wrk -t$THREADS -c$CONNECTIONS -d$WARM_PUBLIC "$PUBLIC" >/dev/null
wrk -t$THREADS -c8 -d$WARM_EACH -s bench/lua/refresh.lua $GATEWAY -- "$WORK/proofs-02" $(( PROOFS / 80 )) >/dev/null
# logins: with only the refresh's few, the login path was still being compiled during the issuance run (C2 at a
# quarter of the gateway's CPU, 0.9k logins/s after 20 s of logins against 2.2k after 50 s)
wrk -t$THREADS -c$CONNECTIONS -d$WARM_LOGIN -s bench/lua/login.lua $GATEWAY -- "$WORK/proofs-warm" >/dev/null

phase "bare gateway: start to ready ($STARTS starts), ready to full speed (${BARE_READY_WINDOW}s of slices)"
: > "$WORK/ready-bare.txt"
for (( start = 1; start <= STARTS; start++ )); do
  LAUNCHED=$(now_ms)
  # started from the work folder: the repository's ./config/application.yml is the product's
  (cd "$WORK" && exec "$JAVA" $JVM_FLAGS -jar "$ROOT/$BARE_JAR" --server.port=18082 --backend.uri=$BACKEND \
    > "$WORK/bare.log" 2>&1) &
  BARE_PID=$!
  READY_MS=$(wait_ready "$BARE$PEER_PATH" "$LAUNCHED" $BARE_PID "$WORK/bare.log")
  READY_AT=$(now_ms)
  echo "start to ready: $READY_MS ms"
  echo "$READY_MS" >> "$WORK/ready-bare.txt"
  if [ $start -lt $STARTS ]; then
    kill $BARE_PID; wait $BARE_PID 2>/dev/null || true
  fi
done
echo "ready-bare $WORK/ready-bare.txt" >> "$RESULTS"
slices bare $BARE_READY_WINDOW "$READY_AT" "$BARE$PEER_PATH"

phase "resource-server gateway: start, warm-up ($WARM_PEER)"
LAUNCHED=$(now_ms)
(cd "$WORK" && exec "$JAVA" $JVM_FLAGS -jar "$ROOT/$RS_JAR" --server.port=18083 --backend.uri=$BACKEND \
  --gateway.uri=$ISSUER > "$WORK/resource-server.log" 2>&1) &
RS_PID=$!
READY_MS=$(wait_ready "$RS/seta-ui/index.html" "$LAUNCHED" $RS_PID "$WORK/resource-server.log")
echo "start to ready: $READY_MS ms"
echo "$READY_MS" > "$WORK/ready-resource-server.txt"
echo "ready-resource-server $WORK/ready-resource-server.txt" >> "$RESULTS"
# its first token fetches the gateway's JWKS; a refusal here means the peer does not accept the product's tokens
expect_ok "the resource-server gateway" -H "Authorization: Bearer $TOKEN" "$RS$PEER_PATH"
wrk -t$THREADS -c$CONNECTIONS -d$WARM_PEER -s bench/lua/bearers.lua "$RS$PEER_PATH" -- "$WORK/tokens.txt" \
  >/dev/null
wrk -t$THREADS -c$CONNECTIONS -d$WARM_EACH -s bench/lua/bearer.lua "$RS$PEER_PATH" -- "$WORK/token.txt" >/dev/null

phase "1. validation tax, $ROUNDS rounds of (a) to (i), so that drift hits all alike"
validation_run() {  # letter, round
  case $1 in
    a) run a-public.$2 "$PUBLIC" ;;
    b) run b-one-token.$2 -s bench/lua/bearer.lua "$PROTECTED" -- "$WORK/token.txt" ;;
    c) run c-distinct-tokens.$2 -s bench/lua/bearers.lua "$PROTECTED" -- "$WORK/tokens.txt" ;;
    d) run d-backend-direct.$2 "$BACKEND$PEER_PATH" ;;
    e) run e-bare.$2 "$BARE$PEER_PATH" ;;
    f) run f-resource-server-distinct-tokens.$2 -s bench/lua/bearers.lua "$RS$PEER_PATH" -- "$WORK/tokens.txt" ;;
    g) run g-resource-server-one-token.$2 -s bench/lua/bearer.lua "$RS$PEER_PATH" -- "$WORK/token.txt" ;;
    # the very requests of (b) and (c): the bare gateway forwards their Authorization header without reading it
    h) run h-bare-one-token.$2 -s bench/lua/bearer.lua "$BARE$PEER_PATH" -- "$WORK/token.txt" ;;
    i) run i-bare-distinct-tokens.$2 -s bench/lua/bearers.lua "$BARE$PEER_PATH" -- "$WORK/tokens.txt" ;;
  esac
}
# The two sides of each goal's ratio run next to each other ((e) and (a), (b) and (h), (i), (c) and (f)), and every
# second round runs the list backwards: a machine that speeds up or slows down through a round then moves both sides
# alike. Until 2026-12-07 the order was a b c d e h i f g in every round: (c) ran four slots (48 s) before (i), and
# (c) ÷ (i) came out 1.07, 0.76 and 0.68 in three runs of one request path.
ORDER=(d e a b h i c f g)
for round in $(seq 1 $ROUNDS); do
  if (( round % 2 == 1 )); then letters=("${ORDER[@]}"); else letters=($(printf '%s\n' "${ORDER[@]}" | tac)); fi
  for letter in "${letters[@]}"; do
    validation_run "$letter" "$round"
  done
done

phase "2, 3. token issuance and refresh rotation, $ROUNDS interleaved rounds"
# Redis's command count around the last issuance round only: the refresh rounds between would add theirs. The first
# two samples measure what asking costs, so that it can be taken off; commandstats says which commands.
for round in $(seq 1 $ROUNDS); do
  if [ $round = $ROUNDS ]; then
    redis-cli -p $REDIS_PORT INFO commandstats > "$WORK/redis-commandstats-before.txt"
    COMMANDS_0=$(redis_commands); COMMANDS_1=$(redis_commands); ISSUED_1=$(tokens_issued)
  fi
  run token-issuance.$round -s bench/lua/login.lua $GATEWAY -- "$WORK/proofs-00.$round"
  if [ $round = $ROUNDS ]; then
    # logins still in flight when wrk stopped finish within the command timeout
    sleep 1
    COMMANDS_2=$(redis_commands); ISSUED_2=$(tokens_issued)
    redis-cli -p $REDIS_PORT INFO commandstats > "$WORK/redis-commandstats-after.txt"
  fi
  # each connection logs in once per round, then rotates its chain
  run refresh-rotation.$round -s bench/lua/refresh.lua $GATEWAY -- "$WORK/proofs-02" $(( round * CONNECTIONS * 2 ))
done
echo "$COMMANDS_0 $COMMANDS_1 $COMMANDS_2 $ISSUED_1 $ISSUED_2" > "$WORK/redis-commands.txt"
echo "redis-commands $WORK/redis-commands.txt" >> "$RESULTS"
echo "redis-commandstats-before $WORK/redis-commandstats-before.txt" >> "$RESULTS"
echo "redis-commandstats-after $WORK/redis-commandstats-after.txt" >> "$RESULTS"
python3 bench/redis_rotation.py $REDIS_PORT "$WORK" $DURATION >> "$RESULTS"

phase "4. isolation: (b) alone and (b) while /token is offered half its capacity, $ROUNDS alternating rounds"
CAPACITY=$(python3 bench/report.py rps "$WORK"/token-issuance.*.wrk)
HALF=$(python3 -c "print(max(1, int($CAPACITY / 2)))")
echo "$HALF" > "$WORK/isolation-offered.txt"
echo "isolation-offered $WORK/isolation-offered.txt" >> "$RESULTS"
# The logins are offered at a fixed rate from as many connections as (b) (bench/lua/pacing.lua): until 2026-12-07
# 8 connections each paused 8 × 1000 / rate ms after every answer, which offered about half the rate meant. The
# report gives the logins/s served beside the figures of (b).
for round in $(seq 1 $ROUNDS); do
  run b-alone.$round -s bench/lua/bearer.lua "$PROTECTED" -- "$WORK/token.txt"
  wrk -t1 -c$CONNECTIONS -d$(( ${DURATION%s} + 3 ))s -s bench/lua/login.lua $GATEWAY -- "$WORK/proofs-01.$round" $HALF \
    > "$WORK/isolation-login.$round.wrk" 2>&1 &
  LOGIN_LOAD=$!
  sleep 2
  run b-during-issuance.$round -s bench/lua/bearer.lua "$PROTECTED" -- "$WORK/token.txt"
  wait $LOGIN_LOAD || true
  LOGIN_LOAD=""
  echo "isolation-login.$round $WORK/isolation-login.$round.wrk" >> "$RESULTS"
done

phase "5. memory (phase 6's gateway starts meanwhile: no figure here depends on time)"
# A second product gateway (the twin), configured as the first but for its key prefix: 100 000 revoked sessions
# go under the twin's prefix only. Interleaved rounds of the reused-token route on both, first with both lists
# empty, then with the twin's full: the first half measures how much the two JVMs differ by luck (JIT, heap
# layout), and the cost of the list is the twin's ratio after ÷ its ratio before. The machine's drift hits both.
TWIN=http://127.0.0.1:18084
TWIN_PROTECTED=$TWIN/seta-search/api/v1/corpus
LAUNCHED=$(now_ms)
# (a setting given twice on the command line becomes one comma-separated value: the ports are replaced, not added)
TWIN_ARGS=("${GATEWAY_ARGS[@]/#--server.port=18080/--server.port=18084}")
TWIN_ARGS=("${TWIN_ARGS[@]/#--management.server.port=18090/--management.server.port=18094}")
"${GATEWAY_CMD[@]}" "${TWIN_ARGS[@]}" --seta.store.redis.key-prefix=twin: > "$WORK/twin.log" 2>&1 &
TWIN_PID=$!
"$(dirname "$(command -v "$JAVA")")/jcmd" $GATEWAY_PID GC.run >/dev/null
sleep 1
curl -s http://127.0.0.1:18090/actuator/prometheus > "$WORK/prometheus.txt"
echo "prometheus $WORK/prometheus.txt" >> "$RESULTS"
redis-cli -p $REDIS_PORT --eval bench/memory-usage.lua , "seta:s:*" > "$WORK/redis-memory.txt"
echo "redis-memory $WORK/redis-memory.txt" >> "$RESULTS"
# ordinary users: 200 principals with 5 sessions each, started through the real store
java -cp "$CP" eu.seta.gateway.session.RedisMemoryProbe $REDIS_PORT 200 5 > "$WORK/redis-memory-probe.txt"
echo "redis-memory-probe $WORK/redis-memory-probe.txt" >> "$RESULTS"
# what a revoked session costs (phase 6's subject), in a JVM of its own: heap and Redis bytes, no time
java $JVM_FLAGS -cp "$CP" eu.seta.gateway.revocation.RevocationMemoryProbe $REDIS_PORT 100000 \
  > "$WORK/revocation-memory.txt"
echo "revocation-memory $WORK/revocation-memory.txt" >> "$RESULTS"

phase "6. revocation: a twin gateway with and without 100 000 revoked sessions, interleaved; propagation"
wait_ready http://127.0.0.1:18094/actuator/health/readiness "$LAUNCHED" $TWIN_PID "$WORK/twin.log" > /dev/null
echo "-- [${SECONDS}s] twin ready"
expect_ok "the twin gateway" -H "Authorization: Bearer $TOKEN" "$TWIN_PROTECTED"
# warmed as the resource-server peer is: the rounds below check that it was enough (its first ÷ last round)
wrk -t$THREADS -c$CONNECTIONS -d$WARM_PEER -s bench/lua/bearer.lua "$TWIN_PROTECTED" -- "$WORK/token.txt" > /dev/null
for round in $(seq 1 $ROUNDS); do
  run rv-first-before.$round -s bench/lua/bearer.lua "$PROTECTED" -- "$WORK/token.txt"
  run rv-twin-before.$round -s bench/lua/bearer.lua "$TWIN_PROTECTED" -- "$WORK/token.txt"
done
redis-cli -p $REDIS_PORT --eval bench/revoked-sessions.lua "twin:rv:{revoked}:s" , 100000 > /dev/null
# a lost subscription makes a gateway reload the whole set, as after a Redis outage
redis-cli -p $REDIS_PORT CLIENT KILL TYPE pubsub > /dev/null
KNOWN=0
for _ in $(seq 1 100); do
  KNOWN=$(curl -s http://127.0.0.1:18094/actuator/prometheus \
    | awk '/^seta_revocations_known\{.*kind="session"/ {print int($2)}')
  [ "${KNOWN:-0}" -ge 100000 ] && break
  sleep 0.2
done
[ "${KNOWN:-0}" -ge 100000 ] || { echo "the twin gateway did not load the 100 000 revoked sessions" >&2; exit 1; }
echo "-- [${SECONDS}s] twin loaded the 100 000 revoked sessions"
expect_ok "the reused token with 100 000 revoked sessions" -H "Authorization: Bearer $TOKEN" "$TWIN_PROTECTED"
for round in $(seq 1 $ROUNDS); do
  run rv-first-after.$round -s bench/lua/bearer.lua "$PROTECTED" -- "$WORK/token.txt"
  run rv-twin-after.$round -s bench/lua/bearer.lua "$TWIN_PROTECTED" -- "$WORK/token.txt"
done
kill $TWIN_PID; wait $TWIN_PID 2>/dev/null || true
TWIN_PID=""
echo "-- [${SECONDS}s] propagation between two more gateways"
# two more gateways in one JVM on random ports, on this Redis under a key prefix of their own; on the generated beans
# as the image's replicas are (and 3 s sooner)
java $JVM_FLAGS -Dspring.aot.enabled=true -cp "$CP" eu.seta.gateway.bench.RevocationPropagationProbe $REDIS_PORT $PROPAGATIONS \
  > "$WORK/revocation-propagation.log" 2>&1
# the gateways log to the same stdout: the figures are the one line that starts with them
grep '^propagation-p50' "$WORK/revocation-propagation.log" > "$WORK/revocation-propagation.txt"
echo "revocation-propagation $WORK/revocation-propagation.txt" >> "$RESULTS"

phase "report"
BENCH_JAVA="$JAVA" python3 bench/report.py write "$RESULTS" "$WORK/jmh.json" "$MODE" "$THREADS" "$CONNECTIONS" "$DURATION" \
  "$JVM_FLAGS"
echo "work files in $WORK"
