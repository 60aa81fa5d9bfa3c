#!/usr/bin/env bash
# What a crash under load costs: two gateway replicas (the packaged jar) behind an nginx load balancer, Redis under
# Sentinel (a master, two replicas, three Sentinels), N simulated clients logging in, refreshing every few seconds and
# calling a proxied route continuously. Midway one gateway replica is killed with SIGKILL and restarted 20 s later;
# later the Redis master is killed the same way (and comes back 20 s later as a replica, as a restarted pod would).
# Reports and writes docs/RELIABILITY.md. Not a test: run it on demand (about 5 minutes once built).
#
#   bench/chaos.sh [CLIENTS (20)] [SECONDS (300)]
#
# Needs: a JDK 17+, nginx, redis-server, redis-cli, openssl, curl, python3 with requests and pycryptodome
# (Debian: apt-get install nginx redis-server redis-tools openssl curl python3-requests python3-pycryptodome).
# Every port is a free one; everything runs under `nice -n 10`, nginx as an unprivileged user.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CLIENTS=${1:-20}
DURATION=${2:-300}
REFRESH_EVERY=3
WAIT_REPLICAS=1
DOWN_AFTER_MS=5000
# the faults, in seconds after the clients start
GATEWAY_KILL_AT=$(( DURATION / 5 ))
RESTART_AFTER=20
REDIS_KILL_AT=$(( DURATION / 2 ))

for tool in java nginx redis-server redis-cli openssl curl; do
  command -v $tool >/dev/null || { echo "missing $tool (see the head of $0)" >&2; exit 1; }
done
PYTHON=""
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import requests; import importlib.util as u; assert u.find_spec("Crypto") or u.find_spec("Cryptodome")' 2>/dev/null; then
    PYTHON=$candidate; break
  fi
done
[ -n "$PYTHON" ] || { echo "no python3 with requests and pycryptodome" >&2; exit 1; }

WORK=$(mktemp -d /tmp/seta-chaos.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
NICE=(nice -n 10)
phase() { echo "== [${SECONDS}s] $*"; }
now() { date +%s.%N | cut -c1-14; }
free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
event() { echo "$1 $(now)" >> "$WORK/faults.txt"; echo "   $1"; }

phase "build"
"${NICE[@]}" ./mvnw -B -q -DskipTests package
JAR=$(ls target/seta-gateway-*.jar)

phase "redis: master, two replicas, three sentinels (down after ${DOWN_AFTER_MS} ms)"
redis_node() {  # name, port, extra arguments...
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  "${NICE[@]}" redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK/$name" \
    --repl-diskless-sync-delay 0 "$@" > "$WORK/$name/redis.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$WORK/$name/pid"
}
MASTER_PORT=$(free_port); REPLICA1_PORT=$(free_port); REPLICA2_PORT=$(free_port)
redis_node master "$MASTER_PORT"
redis_node replica1 "$REPLICA1_PORT" --replicaof 127.0.0.1 "$MASTER_PORT"
redis_node replica2 "$REPLICA2_PORT" --replicaof 127.0.0.1 "$MASTER_PORT"
SENTINELS=""
for i in 1 2 3; do
  port=$(free_port)
  mkdir -p "$WORK/sentinel$i"
  printf 'port %s\nbind 127.0.0.1\nsentinel monitor seta 127.0.0.1 %s 2\nsentinel down-after-milliseconds seta %s\nsentinel failover-timeout seta 10000\nsentinel parallel-syncs seta 1\n' \
    "$port" "$MASTER_PORT" "$DOWN_AFTER_MS" > "$WORK/sentinel$i/sentinel.conf"
  "${NICE[@]}" redis-server "$WORK/sentinel$i/sentinel.conf" --sentinel > "$WORK/sentinel$i/sentinel.log" 2>&1 &
  PIDS+=($!)
  SENTINELS="$SENTINELS${SENTINELS:+,}127.0.0.1:$port"
  [ $i = 1 ] && SENTINEL1_PORT=$port
done
for _ in $(seq 1 300); do
  info=$(redis-cli -p "$SENTINEL1_PORT" INFO sentinel 2>/dev/null | tr -d '\r' || true)
  [[ "$info" == *"slaves=2,sentinels=3"* ]] && break
  sleep 0.1
done
[[ "$info" == *"slaves=2,sentinels=3"* ]] || { echo "the Sentinel group did not form (see $WORK)" >&2; exit 1; }

phase "backend and load balancer (nginx, unprivileged)"
LB_PORT=$(free_port); BACKEND_PORT=$(free_port)
G1_PORT=$(free_port); G1_MGMT=$(free_port); G2_PORT=$(free_port); G2_MGMT=$(free_port)
mkdir -p "$WORK/nginx"
sed -e "s#@WORK@#$WORK/nginx#g" -e "s#@LB@#$LB_PORT#" -e "s#@BACKEND@#$BACKEND_PORT#" \
  -e "s#@G1@#$G1_PORT#" -e "s#@G2@#$G2_PORT#" bench/chaos-nginx.conf > "$WORK/nginx/nginx.conf"
if [ "$(id -u)" = 0 ]; then
  chown -R nobody "$WORK/nginx"
  "${NICE[@]}" setpriv --reuid=nobody --regid=nogroup --clear-groups nginx -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log"
else
  "${NICE[@]}" nginx -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log"
fi

phase "two gateway replicas (wait-replicas=$WAIT_REPLICAS)"
mkdir -p "$WORK/keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/keys/chaos.pem" 2>/dev/null
gateway() {  # name, port, management port
  "${NICE[@]}" java -Xms256m -Xmx256m -jar "$JAR" --server.port="$2" --management.server.port="$3" \
    --seta.token.issuer="http://127.0.0.1:$LB_PORT" --seta.keys.directory="$WORK/keys" \
    --seta.store.type=redis --spring.data.redis.sentinel.master=seta --spring.data.redis.sentinel.nodes="$SENTINELS" \
    --seta.store.redis.wait-replicas=$WAIT_REPLICAS --SEARCH_URI="http://127.0.0.1:$BACKEND_PORT" \
    --seta.edge.quota.enabled=false >> "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$WORK/$1.pid"
}
await_ready() {  # management port
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null -m 1 "http://127.0.0.1:$1/actuator/health/readiness" && return 0
    sleep 0.1
  done
  echo "a gateway did not get ready (logs in $WORK)" >&2; exit 1
}
gateway gateway1 "$G1_PORT" "$G1_MGMT"
gateway gateway2 "$G2_PORT" "$G2_MGMT"
await_ready "$G1_MGMT"; await_ready "$G2_MGMT"

phase "$CLIENTS clients for ${DURATION}s; faults at ${GATEWAY_KILL_AT}s (gateway) and ${REDIS_KILL_AT}s (Redis master)"
: > "$WORK/faults.txt"
event clients_started
"${NICE[@]}" "$PYTHON" bench/chaos_client.py "http://127.0.0.1:$LB_PORT" config/dev/demo_rsa "$CLIENTS" "$DURATION" \
  "$REFRESH_EVERY" "$WORK/events.jsonl" &
CLIENT_PID=$!
START=$SECONDS

sleep $GATEWAY_KILL_AT
kill -9 "$(cat "$WORK/gateway1.pid")"
event gateway_killed
sleep $RESTART_AFTER
gateway gateway1 "$G1_PORT" "$G1_MGMT"
event gateway_restarted
await_ready "$G1_MGMT"
event gateway_ready

WAIT_MORE=$(( REDIS_KILL_AT - (SECONDS - START) ))
[ $WAIT_MORE -gt 0 ] && sleep $WAIT_MORE
kill -9 "$(cat "$WORK/master/pid")"
event redis_master_killed
for _ in $(seq 1 600); do
  promoted=$(redis-cli -p "$SENTINEL1_PORT" SENTINEL get-master-addr-by-name seta | tr -d '\r' | tail -1)
  [ "$promoted" != "$MASTER_PORT" ] && break
  sleep 0.1
done
event redis_replica_promoted
echo "   new master on port $promoted"
sleep $(( RESTART_AFTER - 1 ))
# back as the pod of a Redis chart comes back: a replica of whichever master Sentinel names now
redis_node master "$MASTER_PORT" --replicaof 127.0.0.1 "$promoted"
event redis_old_master_restarted_as_replica

wait $CLIENT_PID
event clients_stopped

phase "report"
"$PYTHON" bench/chaos_report.py "$WORK/events.jsonl" "$WORK/faults.txt" "$CLIENTS" "$DURATION" "$REFRESH_EVERY" \
  "$WAIT_REPLICAS" "$DOWN_AFTER_MS" "$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes')"
echo "work files in $WORK"
