#!/usr/bin/env bash
# State of the ingest job per shopper, and checkpoint duration and size, per state backend and
# item-vector dimension (embedded job, parallelism 2, checkpoints every 20 s, a local broker on a
# temporary data folder and a free port).
#
# For each backend and dimension, two runs on a fresh broker, job and checkpoint folder: SHOPPERS/10
# shoppers, then SHOPPERS. Each run starts the job, then produces exactly one event per shopper as
# fast as possible (EventLoadGenerator --user-order shuffled; 5,000 items, so the per-item state is
# the same in both runs), waits until every shopper's user-vectors record is written, then for the
# first checkpoint triggered after that, and measures:
#   - Flink's size of that checkpoint and its duration (CheckpointCoordinator's "Completed
#     checkpoint" line), and the longest checkpoint while the job worked through the backlog;
#   - its size per operator (CheckpointSizes, from _metadata): update-profile is the profiles and
#     version floors, deduplicate-events the remembered event ids (here one per shopper),
#     join-item-vectors and item-stats-* are per item;
#   - on disk, `du -sb`: the chk-N folder, the shared/ folder (incremental RocksDB checkpoints keep
#     their SST files there; the job keeps only the latest checkpoint, so shared/ is its files, plus
#     any of the previous one's not deleted yet), and the job's whole folder;
#   - the job JVM's heap in use after a full GC (jcmd GC.run, GC.heap_info) and its largest classes
#     (GC.class_histogram), and the process RSS.
# Per shopper is the difference between the two runs over the difference in shoppers, which
# leaves out what does not grow with shoppers (items, job, JVM). The event ids grow with events,
# which here are as many as shoppers: deduplicate-events is listed on its own line.
#
# Usage: bench/ingest-state.sh [SHOPPERS=1000000] [BACKENDS="heap rocksdb"] [DIMENSIONS=64]
# Run it on a quiet machine: it uses both cores for minutes (about 2 min per 1,000,000 shoppers).
# (No `| head` below: with pipefail, a writer cut off by it fails the script.)
set -euo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHOPPERS="${1:-1000000}"
BACKENDS="${2:-heap rocksdb}"
DIMENSIONS="${3:-64}"
ITEMS=5000
INTERVAL_MS=20000
SMALL=$((SHOPPERS / 10))
((SMALL >= 1)) || { echo "SHOPPERS must be at least 10" >&2; exit 2; }

JAVA_HOME="$(./recsys java 2>/dev/null)" ./mvnw -B -q -pl infra,ingest-job,tools -am package -DskipTests >/dev/null 2>&1 \
  || { echo "build failed" >&2; exit 1; }
JDK="$(./recsys java 2>/dev/null)"
JAVA="$JDK/bin/java"
JCMD="$JDK/bin/jcmd"
OPENS="$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' pom.xml)"
CP="ingest-job/target/classes:$(cat ingest-job/target/classpath.txt)"
INFRA_CP="infra/target/classes:$(cat infra/target/classpath.txt)"
TOOLS_CP="tools/target/classes:$(cat tools/target/classpath.txt)"
tmp="$(mktemp -d)"
broker_pid=""
job_pid=""
monitor_pid=""
stop() { # $1: name of a pid variable; SIGTERM, wait, forget
  local pid="${!1}"
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  printf -v "$1" '%s' ""
}
cleanup() {
  stop monitor_pid
  stop job_pid
  stop broker_pid
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits up to $2 seconds for the extended regex $1 in the file $3.
await() {
  local i
  for ((i = 0; i < $2 * 2; i++)); do
    grep -Eqs "$1" "$3" && return 0
    sleep 0.5
  done
  return 1
}

# One run: $1 backend, $2 dimension, $3 shoppers. Leaves key=value lines in $tmp/<b>-<d>-<s>.txt.
run() {
  local backend="$1" dim="$2" shoppers="$3"
  local dir="$tmp/run" out="$tmp/$1-$2-$3.txt"
  rm -rf "$dir" && mkdir -p "$dir/jtmp"
  echo "== $backend, dimension $dim, $shoppers shoppers"

  "$JAVA" -cp "$INFRA_CP" dev.recsys.infra.KafkaBrokerMain --data "$dir/kafka" --port 0 --controller-port 0 \
    >"$dir/kafka.log" 2>&1 &
  broker_pid=$!
  await "bootstrap servers" 60 "$dir/kafka.log" || { echo "broker did not start:" >&2; cat "$dir/kafka.log" >&2; exit 1; }
  local bootstrap
  bootstrap="$(sed -n 's/.*bootstrap servers \([^ ]*\).*/\1/p;T;q' "$dir/kafka.log")"

  # The job first, on empty topics: once it triggers its first checkpoint every task runs, and the
  # monitor, which counts records written after it starts, starts before any can be written.
  # shellcheck disable=SC2086
  "$JAVA" $OPENS -Djava.io.tmpdir="$dir/jtmp" \
    -Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.checkpoint.CheckpointCoordinator=info \
    -cp "$CP" dev.recsys.ingest.IngestJobMain --bootstrap-servers "$bootstrap" --parallelism 2 \
    --checkpoint-interval-ms "$INTERVAL_MS" --state-backend "$backend" --starting-offsets earliest \
    --checkpoint-dir "$dir/checkpoints" >"$dir/ingest.log" 2>&1 &
  job_pid=$!
  await "Triggering checkpoint 1 " $((INTERVAL_MS / 1000 + 120)) "$dir/ingest.log" \
    || { echo "the job did not start; job log:" >&2; tail -30 "$dir/ingest.log" >&2; exit 1; }
  "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.stream.UserVectorsMonitor --bootstrap-servers "$bootstrap" \
    --mode throughput --expect "$shoppers" >"$dir/monitor.out" 2>&1 &
  monitor_pid=$!
  sleep 3
  "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.stream.EventLoadGenerator --bootstrap-servers "$bootstrap" --rate 0 \
    --events "$shoppers" --users "$shoppers" --user-order shuffled --items "$ITEMS" --dimension "$dim" --seed 1 \
    | tail -1 | sed 's/^/  load: /'
  wait "$monitor_pid" || true
  monitor_pid=""
  local summary
  summary="$(tail -1 "$dir/monitor.out")"
  echo "  job: $summary"
  local written
  written="$(sed -n 's/.*user-vectors written \([0-9,]*\).*/\1/p' "$dir/monitor.out" | tail -1 | tr -d ,)"
  ((${written:-0} >= shoppers)) || { echo "not every shopper's vectors were written; job log:" >&2; tail -30 "$dir/ingest.log" >&2; exit 1; }

  # The first checkpoint triggered from now on holds every update.
  local last next line
  last="$(sed -n 's/.*Triggering checkpoint \([0-9]*\) .*/\1/p' "$dir/ingest.log" | tail -1)"
  next=$((${last:-0} + 1))
  await "Completed checkpoint $next for job" $((INTERVAL_MS / 1000 + 600)) "$dir/ingest.log" \
    || { echo "no checkpoint $next; job log:" >&2; tail -30 "$dir/ingest.log" >&2; exit 1; }
  line="$(grep -E "Completed checkpoint $next for job" "$dir/ingest.log")"
  local chk
  chk="$(find "$dir/checkpoints" -path "*/chk-$next/_metadata" -printf '%h\n')"
  [[ -n "$chk" ]] || { echo "chk-$next is gone already" >&2; exit 1; }
  local job_dir="${chk%/*}"
  # The files the previous checkpoint alone used are deleted asynchronously once this one completes;
  # incremental RocksDB checkpoints made while compacting replace most of them. Give that a moment
  # (checkpoints are INTERVAL_MS apart, so chk-N stays).
  sleep 5
  {
    echo "checkpoint=$next"
    echo "flink_bytes=$(sed -n 's/.*(\([0-9]*\) bytes,.*/\1/p' <<<"$line")"
    echo "duration_ms=$(sed -n 's/.*checkpointDuration=\([0-9]*\) ms.*/\1/p' <<<"$line")"
    echo "max_duration_ms=$(sed -n 's/.*checkpointDuration=\([0-9]*\) ms.*/\1/p' "$dir/ingest.log" | sort -n | tail -1)"
    echo "checkpoints=$(grep -c "Completed checkpoint" "$dir/ingest.log")"
    echo "du_chk=$(du -sb "$chk" | cut -f1)"
    echo "du_shared=$(du -sb "$job_dir/shared" 2>/dev/null | cut -f1 || echo 0)"
    echo "du_job=$(du -sb "$job_dir" | cut -f1)"
  } >"$out"
  "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.stream.CheckpointSizes "$chk" >"$dir/sizes.txt"
  # operator (names may have spaces), keyed, operator, full, checkpointed
  awk 'NR > 1 { name = $1; for (i = 2; i <= NF - 4; i++) name = name "_" $i; print "op_" name "=" $(NF - 1) }' \
    "$dir/sizes.txt" >>"$out"
  awk '$1 == "total" { print "checkpointed_bytes=" $NF }' "$dir/sizes.txt" >>"$out"

  "$JCMD" "$job_pid" GC.run >/dev/null
  "$JCMD" "$job_pid" GC.heap_info >"$dir/heap.txt"
  "$JCMD" "$job_pid" GC.class_histogram >"$dir/histogram.txt"
  {
    # G1 prints "garbage-first heap   total reserved ..., committed ..., used 123456K [...]".
    echo "heap_used=$(($(sed -n 's/.* used \([0-9]*\)K.*/\1/p;T;q' "$dir/heap.txt") * 1024))"
    echo "rss=$(($(ps -o rss= -p "$job_pid") * 1024))"
  } >>"$out"
  awk '$1 ~ /^[0-9]+:$/ { print $4 "\t" $2 "\t" $3 }' "$dir/histogram.txt" >"$out.histogram"

  sed 's/^/  /' "$dir/sizes.txt"
  grep -v "^op_" "$out" | tr '\n' ' ' | fold -s -w 110 | sed 's/^/  /'
  echo
  stop job_pid
  stop broker_pid
  rm -rf "$dir"
}

value() { sed -n "s/^$2=//p;T;q" "$1"; }

# Per shopper between the two runs of $1 backend, $2 dimension.
report() {
  local a="$tmp/$1-$2-$SMALL.txt" b="$tmp/$1-$2-$SHOPPERS.txt" n=$((SHOPPERS - SMALL))
  echo "== $1, dimension $2: bytes per shopper (difference between $SMALL and $SHOPPERS shoppers)"
  per() { # label key
    local x y
    x="$(value "$a" "$2")" y="$(value "$b" "$2")"
    awk -v l="$1" -v x="${x:-0}" -v y="${y:-0}" -v n="$n" \
      'BEGIN { printf "  %-52s %12.0f -> %12.0f   %8.1f B/shopper\n", l, x, y, (y - x) / n }'
  }
  per "checkpoint, Flink's size" flink_bytes
  per "  update-profile (profiles + version floors)" op_update-profile
  per "  deduplicate-events (event ids, 1 per shopper here)" op_deduplicate-events
  per "  join-item-vectors (per item)" op_join-item-vectors
  per "  item-stats-PT1H (per item)" op_item-stats-PT1H
  per "  item-stats-P1D (per item)" op_item-stats-P1D
  per "written by this checkpoint (incremental: new files)" checkpointed_bytes
  per "on disk: chk-N" du_chk
  per "on disk: shared/" du_shared
  per "on disk: chk-N + shared/ (+ taskowned/)" du_job
  per "heap used after full GC" heap_used
  per "process RSS" rss
  printf '  %-52s %12s -> %12s ms (longest while catching up: %s -> %s ms)\n' "checkpoint duration after catching up" \
    "$(value "$a" duration_ms)" "$(value "$b" duration_ms)" "$(value "$a" max_duration_ms)" "$(value "$b" max_duration_ms)"
  echo "  heap by class, per shopper (live objects after full GC; largest growth first):"
  join -t $'\t' -a 2 -e 0 -o '0,1.2,1.3,2.2,2.3' <(sort "$a.histogram") <(sort "$b.histogram") \
    | awk -F'\t' -v n="$n" '{ printf "%.1f\t%.2f\t%s\n", ($5 - $3) / n, ($4 - $2) / n, $1 }' \
    | sort -t $'\t' -k1,1 -g -r | awk 'NR <= 12' \
    | awk -F'\t' '{ printf "    %8.1f B  %5.2f objects  %s\n", $1, $2, $3 }'
}

for backend in $BACKENDS; do
  for dim in $DIMENSIONS; do
    run "$backend" "$dim" "$SMALL"
    run "$backend" "$dim" "$SHOPPERS"
  done
done
echo
for backend in $BACKENDS; do
  for dim in $DIMENSIONS; do
    report "$backend" "$dim"
  done
done
