#!/usr/bin/env bash
# Feed and search latency and throughput of this tree against another revision at a large catalog, side
# by side in one invocation. The catalog is built once by bench/feed-load.sh with KEEP_DATA=DATA (at
# 1,000,000 items that takes 13 minutes or more); each tree serves its own copy of that folder, so neither
# rebuilds it.
# Both services run at once, each with its own broker and the demo's simulated shoppers at 5 events/s (as
# in bench/feed-load.sh), and the load alternates between them, so both meet the same machine state:
#   1. a 20 s warm-up of each;
#   2. ROUNDS rounds of an open loop at RATE requests/s over 64 connections;
#   3. ROUNDS rounds of a closed loop of 8 workers.
# Odd rounds measure the baseline first, even rounds this tree first: the service measured second waited
# idle through the other's run, and its first round after that wait was slow twice, so the order alternates
# rather than always falling on the same tree.
# Every run lasts SECONDS. Both services are measured with this tree's load tool, so a change in the tool
# cannot pass for a change in the service. The one not under load sits idle (its simulator aside).
# BASELINE_JVM_OPTS and THIS_JVM_OPTS replace each service's JVM options (RECSYS_SERVE_JVM_OPTS), so one
# revision can be compared with itself under two settings (BASELINE_REV HEAD). With USERS=N and COUNT=ITEMS
# (the kept catalog's size), shopper-1 … shopper-N get profiles of 10 recent items on each broker (tools
# ProfileSeeder, as in bench/feed-load-sequence.sh) and the load asks for their feeds: personalised feeds
# instead of cold-start ones.
# Usage: [BASELINE_JVM_OPTS=…] [THIS_JVM_OPTS=…] [USERS=N COUNT=ITEMS] \
#        bench/compare-feed-load.sh BASELINE_REV DATA [ROUNDS=4] [SECONDS=30] [RATE=1000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASELINE_REV="${1:?usage: bench/compare-feed-load.sh BASELINE_REV DATA [ROUNDS] [SECONDS] [RATE]}"
DATA="${2:?usage: bench/compare-feed-load.sh BASELINE_REV DATA [ROUNDS] [SECONDS] [RATE]}"
ROUNDS="${3:-4}"
SECONDS_PER_RUN="${4:-30}"
RATE="${5:-1000}"
TOKEN=bench-admin-token
[[ -d "$DATA/service" && -d "$DATA/kafka" ]] || {
  echo "no kept catalog in $DATA: build one first with KEEP_DATA=$DATA bench/feed-load.sh COUNT" >&2
  exit 2
}

work="$(mktemp -d)"
git worktree add -q --detach "$work/baseline" "$BASELINE_REV"
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  git worktree remove --force "$work/baseline"
  rm -rf "$work"
}
trap cleanup EXIT
echo "building this tree ($(git rev-parse --short HEAD)) and the baseline ($(git -C "$work/baseline" rev-parse --short HEAD)) ..."
./recsys build >/dev/null 2>&1
(cd "$work/baseline" && ./recsys build >/dev/null 2>&1)
echo "copying the kept catalog in $DATA for each tree ..."
cp -a "$DATA" "$work/data-baseline"
cp -a "$DATA" "$work/data-this"

# Starts one tree's broker and service on its copy of the catalog, in the background.
start() {
  local tree="$1" data="$2" http_port="$3" kafka_port="$4" jvm_opts="$5"
  : >"$data/kafka.log"
  : >"$data/service.log"
  (cd "$tree" && exec ./recsys kafka --data "$data/kafka" --port "$kafka_port" \
    --controller-port "$((kafka_port + 1))") >"$data/kafka.log" 2>&1 &
  PIDS+=($!)
  until grep -q "Kafka broker ready" "$data/kafka.log" 2>/dev/null; do sleep 1; done
  (cd "$tree" && if [[ -n "$jvm_opts" ]]; then export RECSYS_SERVE_JVM_OPTS="$jvm_opts"; fi
    exec ./recsys serve --bootstrap-servers "127.0.0.1:$kafka_port" --http-port "$http_port" \
    --data "$data/service" --demo --simulator-rate 5 --admin-token "$TOKEN") >"$data/service.log" 2>&1 &
  PIDS+=($!)
}

# Waits until a restarted service has published every item's vectors again, as after a rebuild.
await() {
  local data="$1" label="$2"
  until grep -q "published [0-9]* item vectors" "$data/service.log"; do sleep 2; done
  echo "== $label: $(grep -o 'published [0-9]* item vectors' "$data/service.log" | head -1)"
}

start "$work/baseline" "$work/data-baseline" 18080 19092 "${BASELINE_JVM_OPTS:-}"
start "." "$work/data-this" 18081 19094 "${THIS_JVM_OPTS:-}"
await "$work/data-baseline" "baseline $BASELINE_REV on :18080${BASELINE_JVM_OPTS:+ ($BASELINE_JVM_OPTS)}"
await "$work/data-this" "this tree on :18081${THIS_JVM_OPTS:+ ($THIS_JVM_OPTS)}"

BASELINE=http://127.0.0.1:18080
THIS=http://127.0.0.1:18081
LOAD_USERS=()
if [[ -n "${USERS:-}" ]]; then
  TOOLS_CP="tools/target/classes:$(cat tools/target/classpath.txt)"
  for kafka_port in 19092 19094; do
    "$(./recsys java 2>/dev/null)/bin/java" -cp "$TOOLS_CP" dev.recsys.tools.stream.ProfileSeeder \
      --bootstrap-servers "127.0.0.1:$kafka_port" --users "$USERS" --count "${COUNT:?COUNT=ITEMS goes with USERS}" \
      --dimension 256
  done
  for url in "$BASELINE" "$THIS"; do
    until curl -sf "$url/v1/feed?user=shopper-$USERS&k=10" | grep -q '"sources":\[[^]]*"content"'; do sleep 1; done
  done
  LOAD_USERS=(--users "$USERS")
fi
for url in "$BASELINE" "$THIS"; do
  ./recsys load --server "$url" "${LOAD_USERS[@]}" --duration 20s --concurrency 4 >/dev/null 2>&1
done
label() { [[ "$1" == "$BASELINE" ]] && echo "baseline $BASELINE_REV" || echo "this tree"; }
# The two services in the order round $1 measures them.
order() { if (( $1 % 2 == 1 )); then echo "$BASELINE $THIS"; else echo "$THIS $BASELINE"; fi; }
for round in $(seq 1 "$ROUNDS"); do
  for url in $(order "$round"); do
    echo "-- open loop, $RATE req/s, ${SECONDS_PER_RUN} s, round $round: $(label "$url")"
    ./recsys load --server "$url" "${LOAD_USERS[@]}" --duration "${SECONDS_PER_RUN}s" --concurrency 64 \
      --rate "$RATE" 2>/dev/null
  done
done
for round in $(seq 1 "$ROUNDS"); do
  for url in $(order "$round"); do
    echo "-- closed loop, 8 workers, ${SECONDS_PER_RUN} s, round $round: $(label "$url")"
    ./recsys load --server "$url" "${LOAD_USERS[@]}" --duration "${SECONDS_PER_RUN}s" --concurrency 8 2>/dev/null
  done
done
