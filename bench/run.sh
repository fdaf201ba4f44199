#!/usr/bin/env bash
# Load benchmark: builds the uber-jar if needed, starts it on a free loopback port with a fresh data folder
# and raised (never disabled) limits, runs org.anonchat.realtime.bench.LoadBenchmark against it, stops the
# server by its pid and prints where the reports are. See docs/performance.md.
#
#   bash bench/run.sh                                          fanout, rooms, connections, churn (defaults)
#   bash bench/run.sh fanout --fanout.members=200 --fanout.seconds=20
#   bash bench/run.sh fanout --fanout.rate=200                 fixed 200 messages/s
#   bash bench/run.sh rooms --rooms.clients=1000 --rooms.rooms=100 --rooms.period-ms=1000
#   bash bench/run.sh connections --connections.count=19000 --sources=8
#   bash bench/run.sh churn --churn.cycles=100000 --churn.seconds=110
#
# Arguments go to the benchmark. Environment:
#   BENCH_SERVER_HEAP   server -Xmx (default 512m)
#   BENCH_SERVER_JVM    extra server JVM flags (added after the tuned defaults in bench/server-jvm.options; a
#                       -XX:+Use...GC there replaces the file's collector)
#   BENCH_SERVER_JAVA   java for the server (default: java on the PATH, as the README's run command uses)
#   BENCH_CLIENT_JAVA   java for the load generator (default: a JDK 19+ under /usr/lib/jvm if there is one,
#                       because binding several 127.0.0.x source addresses needs Java 19; else java)
#   BENCH_CLIENT_HEAP   generator -Xmx (default 3g)
#   BENCH_CLIENT_JVM    generator JVM flags. Default: -XX:+UseZGC for the paced scenarios (rooms, fanout with
#                       --fanout.rate), whose latency is the figure: under G1 the generator's own young pauses,
#                       40-130 ms as its ledger of every message grows, were counted as server latency;
#                       -XX:+UseG1GC otherwise, since ZGC costs the generator about twice the CPU per delivery
#                       and the windowed fan-out is limited by CPU
#   BENCH_TIMEOUT_S     hard cap on the benchmark process (default 900)
#   BENCH_MVN_ARGS      extra Maven arguments, e.g. -o
#   BENCH_PAYARA_ARGS   extra Payara Micro options (e.g. --nohazelcast)
#   BENCH_START_DEADLINE_S  how long the server may take to answer its first WebSocket (default 240)
#   BENCH_PROFILE=1     record a JFR profile of the server to target/bench/<run>/server.jfr
# Exit status: the benchmark's (0 all checks passed, 1 a check failed, 2 it could not run), 3 when the
# server did not start.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
MVN=(mvn -B -q ${BENCH_MVN_ARGS:-})
JAR=target/chat-microbundle.jar
CLASSPATH_FILE=target/bench-classpath.txt
START_DEADLINE_S=${BENCH_START_DEADLINE_S:-240}
STOP_DEADLINE_S=30
GRACE_MS=5000
RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/target/bench/$RUN_ID"
WORK=$(mktemp -d /tmp/anonchat-bench.XXXXXX)
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
  mkdir -p "$OUT"
  [[ -f "$WORK/server.log" ]] && cp "$WORK/server.log" "$OUT/server.log"
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  local port
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

client_java() {
  if [[ -n "${BENCH_CLIENT_JAVA:-}" ]]; then echo "$BENCH_CLIENT_JAVA"; return; fi
  local candidate
  for candidate in /usr/lib/jvm/*/bin/java; do
    local feature
    feature=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
    if [[ "$feature" =~ ^[0-9]+$ ]] && ((feature >= 19)); then echo "$candidate"; return; fi
  done
  echo java
}

newer_sources() {
  [[ ! -f "$JAR" ]] && return 0
  [[ -n "$(find pom.xml src/main -newer "$JAR" -type f -print -quit)" ]]
}

# Each connection is a file descriptor in both processes: use the hard limit (19,000 connections need it).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if newer_sources; then
  log "building $JAR"
  "${MVN[@]}" -DskipTests package
fi
log "compiling the benchmark"
"${MVN[@]}" test-compile
"${MVN[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >/dev/null
BENCH_CP="target/test-classes:$(cat "$CLASSPATH_FILE")"
CLIENT_JAVA=$(client_java)
SERVER_JAVA=${BENCH_SERVER_JAVA:-$(command -v java)}
JCMD="$(dirname "$(readlink -f "$SERVER_JAVA")")/jcmd"
mapfile -t SERVER_FLAGS < <(grep -v '^\s*#' bench/server-jvm.options | grep -v '^\s*$')
# shellcheck disable=SC2206
EXTRA_FLAGS=(${BENCH_SERVER_JVM:-})
if [[ " ${EXTRA_FLAGS[*]} " =~ \ -XX:\+Use[A-Za-z0-9]+GC\  ]]; then
  # A collector chosen in BENCH_SERVER_JVM replaces the file's (the JVM refuses two).
  mapfile -t SERVER_FLAGS < <(printf '%s\n' "${SERVER_FLAGS[@]}" | grep -v -E '^-XX:\+Use[A-Za-z0-9]+GC$')
fi
mkdir -p "$OUT"
if [[ "${BENCH_PROFILE:-0}" == 1 ]]; then
  EXTRA_FLAGS+=("-XX:StartFlightRecording=filename=$OUT/server.jfr,settings=profile")
fi

PORT=$(free_port) || { log "no free loopback port found"; exit 3; }
URL="http://127.0.0.1:$PORT/"
log "starting the server on $URL (data in $WORK/data; open files limit $(ulimit -n); load average $(cut -d' ' -f1-3 /proc/loadavg))"
launched_ms=$(date +%s%3N)
"$SERVER_JAVA" "-Xmx${BENCH_SERVER_HEAP:-512m}" "${SERVER_FLAGS[@]}" "${EXTRA_FLAGS[@]}" \
  -Dchat.data.dir="$WORK/data" -Dchat.presence.grace-ms="$GRACE_MS" \
  -jar "$JAR" --port "$PORT" --nocluster --rootdir "$WORK/root" \
  --systemProperties bench/server.properties \
  --postbootcommandfile server-config/post-boot-commands.asadmin ${BENCH_PAYARA_ARGS:-} >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

ready_ms=""
until ready_ms=$("$CLIENT_JAVA" -cp "$BENCH_CP" org.anonchat.realtime.bench.LoadBenchmark probe --url="$URL" --wait-s=5 \
    | sed -n 's/^ready-at-ms=//p') && [[ -n "$ready_ms" ]]; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "the server exited during start-up; its log follows"
    tail -n 40 "$WORK/server.log"
    exit 3
  fi
  if (($(date +%s%3N) - launched_ms > START_DEADLINE_S * 1000)); then
    log "the server did not accept a WebSocket within ${START_DEADLINE_S}s"
    exit 3
  fi
done
startup_ms=$((ready_ms - launched_ms))
# CPU seconds the server spent until then (user + system, /proc/pid/stat fields 14 and 15): less sensitive
# than the wall time to other processes on the cores.
startup_cpu=$(awk -v t="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); printf "%.1f", ($12 + $13) / t}' "/proc/$SERVER_PID/stat")
log "server $SERVER_PID answered its first WebSocket (connect + auth) $startup_ms ms after launch, having used" \
  "$startup_cpu s of CPU; load average $(cut -d' ' -f1-3 /proc/loadavg); idle RSS $(awk '/VmRSS/ {print int($2/1024) " MiB"}' "/proc/$SERVER_PID/status")"

set +e
# The generator's heap is committed and touched up front: growing it during a run cost the generator tens of
# thousands of page faults per 10 s, CPU taken from the server on the same cores.
CLIENT_GC=-XX:+UseG1GC
[[ "${1:-}" == rooms || " $* " == *" --fanout.rate="* ]] && CLIENT_GC=-XX:+UseZGC
CLIENT_FLAGS=(${BENCH_CLIENT_JVM-$CLIENT_GC})
timeout "${BENCH_TIMEOUT_S:-900}" "$CLIENT_JAVA" "-Xms${BENCH_CLIENT_HEAP:-3g}" "-Xmx${BENCH_CLIENT_HEAP:-3g}" -XX:+AlwaysPreTouch \
  "${CLIENT_FLAGS[@]}" -cp "$BENCH_CP" \
  org.anonchat.realtime.bench.LoadBenchmark "$@" \
  --url="$URL" --server-pid="$SERVER_PID" --clock-ticks="$(getconf CLK_TCK)" --jcmd="$JCMD" \
  --presence-grace-ms="$GRACE_MS" --server-startup-ms="$startup_ms" --out="$OUT" \
  --server="Payara Micro uber-jar, $("$SERVER_JAVA" -version 2>&1 | head -1), -Xmx${BENCH_SERVER_HEAP:-512m} ${SERVER_FLAGS[*]} ${EXTRA_FLAGS[*]} ${BENCH_PAYARA_ARGS:-}; start-up used ${startup_cpu} s CPU" \
  | tee "$OUT/bench.log"
status=${PIPESTATUS[0]}
set -e

echo
echo "== summary"
echo "server start     ${startup_ms} ms from launch to the first answered WebSocket, ${startup_cpu} s of server CPU"
echo "server peak RSS  $(awk '/VmHWM/ {print int($2/1024) " MiB"}' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?")"
echo "reports          $OUT (summary.md, <scenario>.json/.md/-latency.svg, bench.log, server.log)"
echo "exit status      $status (0 all checks passed, 1 a check failed, 2 the benchmark could not run)"
exit "$status"
