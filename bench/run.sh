#!/usr/bin/env bash
# Load benchmark: builds the uber-jar if needed, starts it on a free loopback port with a fresh data
# folder and the rate limits raised, runs org.anonchat.realtime.bench.LoadBenchmark against it, records the
# server's peak RSS, stops the server by its pid and prints a summary. See docs/benchmark.md.
#
#   bench/run.sh                                 all scenarios with their defaults
#   bench/run.sh fanout --fanout.rooms=4         one scenario, a setting changed
#
# Arguments go to the benchmark. Environment: BENCH_MAX_QUEUED_FRAMES (server's
# chat.connection.max-queued-frames, default 200), BENCH_SERVER_HEAP (default 512m),
# BENCH_MVN_ARGS (extra Maven arguments, e.g. -o). Exit status: the benchmark's (0 all checks passed,
# 1 a correctness check failed, 2 it could not run), or 3 when the server did not start.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
MVN=(mvn -B -q ${BENCH_MVN_ARGS:-})
JAR=target/chat-microbundle.jar
CLASSPATH_FILE=target/bench-classpath.txt
QUEUE=${BENCH_MAX_QUEUED_FRAMES:-200}
START_DEADLINE_S=240
STOP_DEADLINE_S=30
WORK=$(mktemp -d /tmp/anonchat-bench.XXXXXX)
LOGS="$ROOT/target/bench"
SERVER_PID=""

log() { printf '[bench] %s\n' "$*"; }

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for ((i = 0; i < STOP_DEADLINE_S * 2; i++)); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server $SERVER_PID still running after ${STOP_DEADLINE_S}s; killing it"
      kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

cleanup() {
  stop_server
  mkdir -p "$LOGS"
  [[ -f "$WORK/server.log" ]] && cp "$WORK/server.log" "$LOGS/server.log"
  rm -rf "$WORK"
}
trap cleanup EXIT

# A port nobody listens on, from the ephemeral range's lower neighbour; bounded number of tries.
free_port() {
  local port
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

newer_sources() {
  [[ ! -f "$JAR" ]] && return 0
  [[ -n "$(find pom.xml src/main server-config -newer "$JAR" -type f -print -quit)" ]]
}

if newer_sources; then
  log "building $JAR"
  "${MVN[@]}" -DskipTests package
fi
log "compiling the benchmark"
"${MVN[@]}" test-compile
"${MVN[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >/dev/null
BENCH_CP="target/test-classes:$(cat "$CLASSPATH_FILE")"
bench() { java -Xmx256m -cp "$BENCH_CP" org.anonchat.realtime.bench.LoadBenchmark "$@"; }

PORT=$(free_port) || { log "no free loopback port found"; exit 3; }
URL="http://127.0.0.1:$PORT/"
log "starting the server on $URL (data in $WORK/data, max-queued-frames $QUEUE)"
# Rate limits raised so the senders are limited by acks only, and no cap on connections from one address
# (every benchmark client comes from loopback); long messages allowed so that the
# slow-reader scenario fills the socket buffers with few messages (docs/benchmark.md).
java "-Xmx${BENCH_SERVER_HEAP:-512m}" \
  -Dchat.data.dir="$WORK/data" \
  -Dchat.rate.messages-per-second=100000 -Dchat.rate.message-burst=100000 \
  -Dchat.rate.user-messages-per-second=100000 -Dchat.rate.user-message-burst=100000 \
  -Dchat.rate.frames-per-second=100000 -Dchat.rate.frame-burst=100000 \
  -Dchat.rate.receipts-per-second=100000 -Dchat.rate.receipt-burst=100000 \
  -Dchat.connection.max-per-address=0 \
  -Dchat.connection.max-queued-frames="$QUEUE" -Dchat.messages.max-length=16000 \
  -jar "$JAR" --port "$PORT" --nocluster --rootdir "$WORK/root" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

started=$(date +%s)
until bench probe --url="$URL"; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "the server exited during start-up; its log follows"
    tail -n 40 "$WORK/server.log"
    exit 3
  fi
  if (($(date +%s) - started > START_DEADLINE_S)); then
    log "the server did not accept a WebSocket within ${START_DEADLINE_S}s"
    exit 3
  fi
  sleep 1
done
log "server $SERVER_PID accepts WebSockets after $(($(date +%s) - started)) s; idle RSS $(awk '/VmRSS/ {print int($2/1024) " MiB"}' "/proc/$SERVER_PID/status")"

mkdir -p "$LOGS"
bench_started=$(date +%s)
set +e
timeout 900 java -Xmx256m -cp "$BENCH_CP" org.anonchat.realtime.bench.LoadBenchmark "$@" \
  --url="$URL" --server-pid="$SERVER_PID" --clock-ticks="$(getconf CLK_TCK)" | tee "$LOGS/bench.log"
status=${PIPESTATUS[0]}
set -e
bench_seconds=$(($(date +%s) - bench_started))

peak=$(awk '/VmHWM/ {print int($2/1024) " MiB"}' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?")
db_running=$(du -sm "$WORK/data" | cut -f1)
stop_server
db_stopped=$(du -sm "$WORK/data" | cut -f1)

echo
echo "== summary"
echo "server           Payara Micro uber-jar on $URL, -Xmx${BENCH_SERVER_HEAP:-512m}, peak RSS (VmHWM) $peak"
echo "benchmark        ${bench_seconds} s (server start-up not included)"
echo "database         data folder ${db_running} MiB at the end of the run, ${db_stopped} MiB after the server stopped"
sed -n '/^== result/,$p' "$LOGS/bench.log" | tail -n +2
echo "exit status      $status (0 all checks passed, 1 a correctness check failed, 2 the benchmark could not run)"
echo "logs             $LOGS/bench.log, $LOGS/server.log"
exit "$status"
