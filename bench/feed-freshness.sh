#!/usr/bin/env bash
# Event -> /v1/feed freshness while the ingest job is under a steady background load.
#
# Starts the demo's three parts directly, on a temporary data folder and free ports: a broker
# (= ./recsys kafka), the ingest job (= ./recsys ingest with the demo's settings, checkpoints and
# temporary files in the data folder) and the index service (= ./recsys serve --demo: the 6,000-item
# generated catalog, 256-d content vectors, 50 simulated shoppers at 20 events/s). Then, for each
# rate R of RATES:
#
#   1. EventLoadGenerator produces R events/s for SECONDS s to `interactions` (USERS lg-u shoppers,
#      ITEMS lg-i items whose 256-d vectors it publishes first, so user-vectors records have the
#      service's real size); its seed is the rate's position in RATES;
#   2. UserVectorsMonitor samples the end offsets of `user-vectors` every second: the job's output
#      rate while the load runs should be about R, and the backlog left when the load stops about 0
#      (records written since the rate started, against events sent: the simulator's 20 events/s and
#      the probes make the job look a little ahead);
#   3. after WARMUP s of load (SECONDS/6 and at least 3 s unless WARMUP is set), FreshnessProbe
#      (= ./recsys freshness) posts one event for each of PROBES brand-new shoppers to POST /v1/events,
#      polls GET /v1/users/{id} every 5 ms until the shopper's vectors are there and then GET /v1/feed
#      until that shopper's feed is personalised; the probes are spread evenly over the rest of
#      the load (none starts in its last 2 s), one at a time; a probe not seen within 30 s counts as
#      timed out, and as slower than every other in the percentiles;
#   4. waits until the job has written as many user-vectors records as the generator sent (at most
#      120 s), so the next rate starts on an idle job, and reports how long that took.
#
# Before the first rate, PROBES/10 probes (at least 5) without background load warm the probe and the
# service up. Prints per rate the generator's achieved rate, the user-vectors rate and backlog, the
# CPU the broker, job, service and generator used after the warm-up (and the whole machine: a figure
# well above theirs means other work was running), and the probe's p50/p90/p99/max. A probe's figure
# includes the POST, and ends with the answer of the first feed request that shows the new profile.
# Every process started here is stopped (SIGTERM) when the script exits, also on Ctrl-C.
#
# With SEQUENCE_MODEL=on the catalog gets a sequence model first, and the probes measure it on against
# off, side by side (see below).
#
# Usage: bench/feed-freshness.sh [SECONDS=60] [RATES="1000 20000"] [PROBES=200]
# Optional: SEQUENCE_MODEL (on or off, default off); EMBEDDER (hashed or transformer, the service's --embedder; default hashed); WARMUP, the seconds of load before the first probe (a cold job, broker and service spend
# their first minute at this rate compiling and sizing their heaps: set WARMUP=60 or more to measure
# the steady state); SERVICE_JVM_OPTS / JOB_JVM_OPTS, extra JVM options for the service / the job (e.g. a
# -XX:StartFlightRecording=filename=/tmp/service.jfr,settings=profile); JOB_ARGS, extra job flags (e.g.
# --parallelism 1). Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LOAD_SECONDS="${1:-60}"
RATES="${2:-1000 20000}"
PROBES="${3:-200}"
USERS=100000
ITEMS=5000
# The service's embedder: hashed (256-d content vectors) or transformer (384-d); the generator's item
# vectors get the same size, so user-vectors records are as large as the service's real ones.
EMBEDDER="${EMBEDDER:-hashed}"
case "$EMBEDDER" in
  hashed) DIMENSION=256 ;;
  transformer) DIMENSION=384 ;;
  *) echo "EMBEDDER must be hashed or transformer, got '$EMBEDDER'" >&2; exit 2 ;;
esac
WARMUP="${WARMUP:-$((LOAD_SECONDS / 6 > 3 ? LOAD_SECONDS / 6 : 3))}"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "WARMUP must be a whole number of seconds, got '$WARMUP'" >&2; exit 2; }
PROBE_WINDOW_MS=$(((LOAD_SECONDS - WARMUP - 2) * 1000))
((PROBE_WINDOW_MS > 0)) || { echo "SECONDS must be at least $((WARMUP + 3))" >&2; exit 2; }

# Build when the sources changed since the last build (the test ./recsys itself makes).
stamp=target/.recsys-built
if [[ ! -f "$stamp" || ! -f ingest-job/target/classpath.txt || ! -f index-service/target/classpath.txt
      || ! -f tools/target/classpath.txt
      || -n "$(find . -path ./target -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$stamp" \
               -type f -print -quit)" ]]; then
  ./recsys build >/dev/null 2>&1 || { echo "build failed (run ./recsys build)" >&2; exit 1; }
fi
JAVA="$(./recsys java 2>/dev/null)/bin/java"
OPENS="$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' pom.xml)"
classpath() { printf '%s:%s' "$1/target/classes" "$(cat "$1/target/classpath.txt")"; }
INFRA_CP="$(classpath infra)"
JOB_CP="$(classpath ingest-job)"
SERVICE_CP="$(classpath index-service)"
TOOLS_CP="$(classpath tools)"

tmp="$(mktemp -d)"
started=() # pids, in start order
cleanup() {
  set +e
  local i pid
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    pid="${started[i]}"
    kill -TERM "$pid" 2>/dev/null || continue
    # A JVM stops within seconds on SIGTERM; kill it outright if it does not within 30 s.
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts a command in the background, remembered for cleanup; its pid is in $last.
start() {
  local log="$1"
  shift
  "$@" >"$log" 2>&1 &
  last=$!
  started+=("$last")
}
# Waits for a background process without blocking signals; its exit code is returned.
await() { local rc=0; wait "$1" || rc=$?; return "$rc"; }
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
# Waits up to $2 s until file $1 holds a line matching $3, failing if process $4 exits first.
wait_for() {
  local file="$1" seconds="$2" pattern="$3" pid="$4"
  for _ in $(seq 1 $((seconds * 2))); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "exited early; last lines of $file:" >&2; tail -20 "$file" >&2; exit 1; }
    sleep 0.5
  done
  echo "no '$pattern' in $file after $seconds s:" >&2
  tail -20 "$file" >&2
  exit 1
}

start "$tmp/kafka.log" "$JAVA" -cp "$INFRA_CP" dev.recsys.infra.KafkaBrokerMain \
  --data "$tmp/kafka" --port 0 --controller-port 0
broker=$last
wait_for "$tmp/kafka.log" 120 "bootstrap servers" "$broker"
BOOTSTRAP="$(sed -n 's/.*bootstrap servers \([^ ]*\).*/\1/p' "$tmp/kafka.log" | head -1)"

# shellcheck disable=SC2086 # the option lists are meant to be split
start "$tmp/ingest.log" "$JAVA" $OPENS -Djava.io.tmpdir="$tmp" ${JOB_JVM_OPTS:-} -cp "$JOB_CP" \
  dev.recsys.ingest.IngestJobMain --bootstrap-servers "$BOOTSTRAP" --checkpoint-dir "$tmp/checkpoints" ${JOB_ARGS:-}
job=$last
# shellcheck disable=SC2086
start "$tmp/service.log" "$JAVA" -XX:+UseZGC --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  ${SERVICE_JVM_OPTS:-} -cp "$SERVICE_CP" \
  dev.recsys.index.ServiceMain --bootstrap-servers "$BOOTSTRAP" --http-port 0 --data "$tmp/service" --demo \
  --embedder "$EMBEDDER" --admin-token feed-freshness-bench
service=$last
wait_for "$tmp/service.log" 120 "HTTP on port" "$service"
URL="http://127.0.0.1:$(sed -n 's/.*HTTP on port \([0-9]*\).*/\1/p' "$tmp/service.log" | head -1)"
for _ in $(seq 1 240); do
  curl -sf "$URL/readyz" >/dev/null && break
  kill -0 "$job" 2>/dev/null || { echo "the ingest job exited:" >&2; tail -20 "$tmp/ingest.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$URL/readyz" >/dev/null || { echo "service not ready after 120 s:" >&2; tail -20 "$tmp/service.log" >&2; exit 1; }
echo "broker $BOOTSTRAP, service $URL (job log and service log in $tmp while running)"

# (Arrays, not functions: a function started with & would be a subshell, and $! its pid, not the JVM's.)
PROBE=("$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.service.FreshnessProbe --server "$URL" --token feed-freshness-bench)
if [[ "${SEQUENCE_MODEL:-off}" == on ]]; then
  # The demo catalog rebuilt with a sequence model over its items (seeded random weights of the trained
  # model's shape); each probe shopper gets two events, the second measured, and the probes alternate
  # between the feed with the model (measured until `seq` is among its sources) and without (w.seq=0).
  "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.sequence.SampleSequenceModel --count 6000 --out "$tmp/sequence-model.json"
  job_id=$( (echo '{"format":"live","sequenceModel":true}'; cat "$tmp/sequence-model.json") |
    curl -sf -X POST -H "Authorization: Bearer feed-freshness-bench" -H 'Content-Type: application/x-ndjson' \
      --data-binary @- "$URL/v1/admin/reindex" | sed -n 's/.*"job":"\([^"]*\)".*/\1/p')
  [[ -n "$job_id" ]] || { echo "the reindex with the sequence model was refused" >&2; exit 1; }
  until curl -sf -H "Authorization: Bearer feed-freshness-bench" "$URL/v1/admin/reindex/$job_id" |
    grep -q '"phase":"succeeded"'; do
    sleep 2
  done
  echo "the live catalog carries the sequence model (job $job_id)"
  PROBE+=(--history 2 --expect-source seq --alternate-feed-params w.seq=0)
fi
# CPU time (clock ticks) used so far by process $1 and its children (the broker runs Kafka in a JVM of
# its own), from /proc (Linux; 0 elsewhere).
ticks() {
  local sum=0 pid t
  for pid in "$1" $(pgrep -P "$1" 2>/dev/null || true); do
    t="$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)"
    sum=$((sum + t))
  done
  echo "$sum"
}
# The whole machine's busy and total clock ticks so far.
machine_ticks() {
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat 2>/dev/null \
    || echo 0 0
}
# "TIME BROKER JOB SERVICE GENERATOR MACHINE-BUSY MACHINE-TOTAL", the generator's pid being $1.
cpu_snapshot() {
  printf '%s %s %s %s %s %s' "$(date +%s.%N)" "$(ticks "$broker")" "$(ticks "$job")" "$(ticks "$service")" \
    "$(ticks "$1")" "$(machine_ticks)"
}
# Cores used between two snapshots by the broker, the job, the service, the generator and the machine.
cpu_report() {
  awk -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " "); s = y[1] - x[1]
    if (s <= 0 || y[7] == x[7]) exit
    printf "CPU after the warm-up, in cores of %d: broker %.2f, job %.2f, service %.2f, generator %.2f; whole machine %.2f busy\n", \
      cores, (y[2] - x[2]) / hz / s, (y[3] - x[3]) / hz / s, (y[4] - x[4]) / hz / s, (y[5] - x[5]) / hz / s, \
      cores * (y[6] - x[6]) / (y[7] - x[7])
  }'
}
# The newest "user-vectors written N" of the monitor's log $1, as "SECONDS RECORDS".
written() { sed -n 's/^ *t= *\([0-9.]*\) s  user-vectors written \([0-9,]*\)$/\1 \2/p' "$1" | tail -1 | tr -d ,; }

echo "== no background load (warm-up): $((PROBES / 10 > 5 ? PROBES / 10 : 5)) probes"
start "$tmp/probe.txt" "${PROBE[@]}" --events $((PROBES / 10 > 5 ? PROBES / 10 : 5))
await "$last" || true
cat "$tmp/probe.txt"

seed=1
for rate in $RATES; do
  echo "== $rate events/s for $LOAD_SECONDS s ($USERS shoppers, $ITEMS items, dimension $DIMENSION, seed $seed);" \
    "$PROBES probes from $WARMUP s on"
  start "$tmp/monitor.txt" "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.stream.UserVectorsMonitor \
    --bootstrap-servers "$BOOTSTRAP" --mode throughput --expect 1000000000000
  monitor=$last
  wait_for "$tmp/monitor.txt" 60 "user-vectors written" "$monitor"
  start "$tmp/load.txt" "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.stream.EventLoadGenerator \
    --bootstrap-servers "$BOOTSTRAP" --rate "$rate" --duration "$LOAD_SECONDS" --users "$USERS" --items "$ITEMS" \
    --dimension "$DIMENSION" --seed "$seed"
  load=$last
  wait_for "$tmp/load.txt" 120 "published vectors" "$load"
  sleep "$WARMUP"
  read -r t_from n_from <<<"$(written "$tmp/monitor.txt")"
  cpu_from="$(cpu_snapshot "$load")"
  cpu_to="$cpu_from"
  start "$tmp/probe.txt" "${PROBE[@]}" --events "$PROBES" --interval-ms $((PROBE_WINDOW_MS / PROBES)) \
    --window-ms "$PROBE_WINDOW_MS" --timeout-ms 30000
  probe_pid=$last
  # The last moment the generator is known to run: its own exit ends the window a little later.
  while kill -0 "$load" 2>/dev/null && ! grep -q '^sent ' "$tmp/load.txt"; do
    cpu_to="$(cpu_snapshot "$load")"
    sleep 1
  done
  await "$load" || { echo "the load generator failed:" >&2; cat "$tmp/load.txt" >&2; exit 1; }
  read -r t_to n_to <<<"$(written "$tmp/monitor.txt")"
  sent="$(sed -n 's/^sent \([0-9,]*\) events.*/\1/p' "$tmp/load.txt" | tr -d ,)"
  t_end="$t_to" n_end="$n_to"
  for _ in $(seq 1 240); do
    ((n_end >= sent)) && break
    sleep 0.5
    read -r t_end n_end <<<"$(written "$tmp/monitor.txt")"
  done
  stop "$monitor"
  await "$probe_pid" || true
  grep '^sent ' "$tmp/load.txt"
  awk -v rate="$rate" -v t0="$t_from" -v n0="$n_from" -v t1="$t_to" -v n1="$n_to" -v sent="$sent" \
    -v tend="$t_end" -v nend="$n_end" 'BEGIN {
      printf "user-vectors: %.0f records/s written in the %.0f s of load after the warm-up (%.0f%% of the rate);", \
        (n1 - n0) / (t1 - t0), t1 - t0, 100 * (n1 - n0) / (t1 - t0) / rate
      if (n1 >= sent) printf " caught up when the load stopped\n"
      else if (nend >= sent) printf " %d records behind when the load stopped, caught up %.0f s later\n", sent - n1, tend - t1
      else printf " %d records behind when the load stopped, still %d behind %.0f s later\n", sent - n1, sent - nend, tend - t1
    }'
  cpu_report "$cpu_from" "$cpu_to"
  cat "$tmp/probe.txt"
  seed=$((seed + 1))
done
