#!/usr/bin/env bash
# Sustained throughput and event -> user-vectors freshness of the ingest job (embedded, parallelism 2,
# checkpoints every 10 s) against a local broker on a temporary data folder and a free port.
#
#   1. pre-loads EVENTS events into `interactions` (as fast as possible), then starts the job and
#      measures how fast `user-vectors` grows (end offsets sampled every second; 10%..90% of EVENTS);
#   2. with the job caught up, produces at each rate of RATES for SECONDS seconds while a consumer
#      measures freshness: user-vectors record timestamp minus the event's ts (p50/p90/p99/max).
#
# Usage: bench/ingest-throughput.sh [EVENTS=200000] [SECONDS=60] [RATES="1000 20000"] [CF_FACTORS=0] [DIMENSION=64]
# CF_FACTORS > 0: items also carry CF factors of that length and a CF model is published, so every
# update also folds the shopper in (the exact implicit-ALS user step). DIMENSION: length of the items'
# content vectors (the demo's service embeds into 256). JOB_JVM_OPTS: extra JVM options for the job
# (e.g. -XX:StartFlightRecording=filename=/tmp/job.jfr,settings=profile); JOB_ARGS: extra job flags
# (e.g. --state-backend rocksdb).
# Run it on a quiet machine: it uses both cores for minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EVENTS="${1:-200000}"
SECONDS_PER_RATE="${2:-60}"
RATES="${3:-1000 20000}"
CF_FACTORS="${4:-0}"
DIMENSION="${5:-64}"
USERS=10000
ITEMS=5000

# Only the two modules this needs (what `./recsys kafka` and `./recsys ingest` run, started directly).
JAVA_HOME="$(./recsys java 2>/dev/null)" ./mvnw -B -q -pl infra,ingest-job,tools -am package -DskipTests >/dev/null 2>&1 \
  || { echo "build failed" >&2; exit 1; }
JAVA="$(./recsys java 2>/dev/null)/bin/java"
OPENS="$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' pom.xml)"
CP="ingest-job/target/classes:$(cat ingest-job/target/classpath.txt)"
INFRA_CP="infra/target/classes:$(cat infra/target/classpath.txt)"
TOOLS_CP="tools/target/classes:$(cat tools/target/classpath.txt)"
tmp="$(mktemp -d)"
broker_pid=""
job_pid=""
cleanup() {
  [[ -n "$job_pid" ]] && kill -TERM "$job_pid" 2>/dev/null && wait "$job_pid" 2>/dev/null || true
  [[ -n "$broker_pid" ]] && kill -TERM "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# = ./recsys kafka ...
"$JAVA" -cp "$INFRA_CP" dev.recsys.infra.KafkaBrokerMain --data "$tmp/kafka" --port 0 --controller-port 0 >"$tmp/kafka.log" 2>&1 &
broker_pid=$!
for _ in $(seq 1 120); do
  grep -q "bootstrap servers" "$tmp/kafka.log" && break
  sleep 0.5
done
BOOTSTRAP="$(sed -n 's/.*bootstrap servers \([^ ]*\).*/\1/p' "$tmp/kafka.log" | head -1)"
[[ -n "$BOOTSTRAP" ]] || { echo "broker did not start:" >&2; cat "$tmp/kafka.log" >&2; exit 1; }
echo "broker: $BOOTSTRAP"

loadgen() { "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.stream.EventLoadGenerator --bootstrap-servers "$BOOTSTRAP" \
  --users "$USERS" --items "$ITEMS" --cf-factors "$CF_FACTORS" --dimension "$DIMENSION" "$@"; }
monitor() { "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.stream.UserVectorsMonitor --bootstrap-servers "$BOOTSTRAP" "$@"; }

echo "== pre-loading $EVENTS events"
loadgen --rate 0 --events "$EVENTS" --seed 1 | tail -1

echo "== job throughput over the backlog"
# = ./recsys ingest ...
# shellcheck disable=SC2086
"$JAVA" $OPENS ${JOB_JVM_OPTS:-} -cp "$CP" dev.recsys.ingest.IngestJobMain --bootstrap-servers "$BOOTSTRAP" --parallelism 2 --checkpoint-interval-ms 10000 \
  --starting-offsets earliest --checkpoint-dir "$tmp/checkpoints" ${JOB_ARGS:-} >"$tmp/ingest.log" 2>&1 &
job_pid=$!
monitor --mode throughput --expect "$EVENTS" | tail -1

seed=2
for rate in $RATES; do
  echo "== freshness at $rate events/s for $SECONDS_PER_RATE s"
  monitor --mode freshness --duration "$SECONDS_PER_RATE" >"$tmp/fresh.out" &
  mon=$!
  sleep 1
  loadgen --rate "$rate" --duration "$((SECONDS_PER_RATE - 2))" --seed "$seed" | tail -1
  wait "$mon"
  cat "$tmp/fresh.out"
  seed=$((seed + 1))
done
