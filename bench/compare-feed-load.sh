#!/usr/bin/env bash
# Feed and search latency and throughput of this tree against another revision at a large catalog, side
# by side in one invocation. The catalog is built once by bench/feed-load.sh with KEEP_DATA=DATA (at
# 1,000,000 items that takes 13 minutes or more); each tree then serves its own copy of that folder, so
# neither rebuilds it. Each round, for the baseline and then for this tree: start its broker and service
# on the copy (with the demo's simulated shoppers at 5 events/s, as bench/feed-load.sh does), wait
# until every item's vectors are published again, warm up for 20 s, then run
#   1. a closed loop of 8 workers for SECONDS;
#   2. an open loop at RATE requests/s over 64 connections for SECONDS.
# Both services are measured with this tree's load tool, so a change in the tool cannot pass for a
# change in the service.
# Usage: bench/compare-feed-load.sh BASELINE_REV DATA [ROUNDS=3] [SECONDS=30] [RATE=1000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASELINE_REV="${1:?usage: bench/compare-feed-load.sh BASELINE_REV DATA [ROUNDS] [SECONDS] [RATE]}"
DATA="${2:?usage: bench/compare-feed-load.sh BASELINE_REV DATA [ROUNDS] [SECONDS] [RATE]}"
ROUNDS="${3:-3}"
SECONDS_PER_RUN="${4:-30}"
RATE="${5:-1000}"
URL=http://127.0.0.1:18080
TOKEN=bench-admin-token
[[ -d "$DATA/service" && -d "$DATA/kafka" ]] || {
  echo "no kept catalog in $DATA: build one first with KEEP_DATA=$DATA bench/feed-load.sh COUNT" >&2
  exit 2
}

work="$(mktemp -d)"
git worktree add -q --detach "$work/baseline" "$BASELINE_REV"
SERVICE="" BROKER=""
cleanup() {
  set +e
  for pid in $SERVICE $BROKER; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
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

# Starts one tree's broker and service on its copy, measures, stops them.
measure() {
  local tree="$1" data="$2" label="$3" items
  : >"$data/kafka.log"
  : >"$data/service.log"
  (cd "$tree" && exec ./recsys kafka --data "$data/kafka" --port 19092 --controller-port 19093) >"$data/kafka.log" 2>&1 &
  BROKER=$!
  until grep -q "Kafka broker ready" "$data/kafka.log" 2>/dev/null; do sleep 1; done
  (cd "$tree" && exec ./recsys serve --bootstrap-servers 127.0.0.1:19092 --http-port 18080 --data "$data/service" \
    --demo --simulator-rate 5 --admin-token "$TOKEN") >"$data/service.log" 2>&1 &
  SERVICE=$!
  until curl -sf "$URL/readyz" >/dev/null; do sleep 1; done
  until grep -q "published [0-9]* item vectors" "$data/service.log"; do sleep 2; done
  items="$(grep -o 'published [0-9]* item vectors' "$data/service.log" | head -1)"
  echo "== $label: $items"
  ./recsys load --server "$URL" --duration 20s --concurrency 4 >/dev/null 2>&1
  echo "-- closed loop, 8 workers, ${SECONDS_PER_RUN} s"
  ./recsys load --server "$URL" --duration "${SECONDS_PER_RUN}s" --concurrency 8 2>/dev/null
  echo "-- open loop, $RATE req/s, ${SECONDS_PER_RUN} s"
  ./recsys load --server "$URL" --duration "${SECONDS_PER_RUN}s" --concurrency 64 --rate "$RATE" 2>/dev/null
  kill "$SERVICE" && wait "$SERVICE" || true
  kill "$BROKER" && wait "$BROKER" || true
  SERVICE="" BROKER=""
}

for round in $(seq 1 "$ROUNDS"); do
  measure "$work/baseline" "$work/data-baseline" "baseline $BASELINE_REV, round $round"
  measure "." "$work/data-this" "this tree, round $round"
done
