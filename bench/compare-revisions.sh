#!/usr/bin/env bash
# Feed and search latency of this tree against another revision, side by side in one invocation: each
# round starts the demo of one tree on a fresh data folder, waits until it is ready, runs the closed and
# the open loop of ./recsys load (this tree's load tool for both), stops it, then does the same with the
# other tree. Both demos stream simulated shoppers' events while they are measured.
# Usage: bench/compare-revisions.sh BASELINE_REV [ROUNDS=2] [DURATION=30s] [RATE=200]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASELINE_REV="${1:?usage: bench/compare-revisions.sh BASELINE_REV [ROUNDS] [DURATION] [RATE]}"
ROUNDS="${2:-2}"
DURATION="${3:-30s}"
RATE="${4:-200}"
HTTP_PORT=18080
KAFKA_PORT=19092

baseline="$(mktemp -d)/baseline"
git worktree add -q --detach "$baseline" "$BASELINE_REV"
trap 'git worktree remove --force "$baseline"' EXIT
echo "building this tree ($(git rev-parse --short HEAD)) and the baseline ($(git -C "$baseline" rev-parse --short HEAD)) ..."
./recsys build >/dev/null 2>&1
(cd "$baseline" && ./recsys build >/dev/null 2>&1)

# Runs one tree's demo, measures it, stops it.
measure() {
  local tree="$1" label="$2" data log launcher
  data="$(mktemp -d)"
  log="$(mktemp)"
  (cd "$tree" && exec ./recsys demo --data "$data" --http-port "$HTTP_PORT" --kafka-port "$KAFKA_PORT") >"$log" 2>&1 &
  launcher=$!
  for _ in $(seq 1 180); do
    grep -q "ready in" "$log" && break
    sleep 1
  done
  echo "== $label: $(grep -o 'ready in [0-9.]* s' "$log" || echo 'not ready within 180 s')"
  echo "-- closed loop, 8 workers, $DURATION"
  ./recsys load --server "http://127.0.0.1:$HTTP_PORT" --duration "$DURATION" --concurrency 8 2>/dev/null
  echo "-- open loop, $RATE req/s, $DURATION"
  ./recsys load --server "http://127.0.0.1:$HTTP_PORT" --duration "$DURATION" --concurrency 64 --rate "$RATE" 2>/dev/null
  kill -TERM "$launcher" 2>/dev/null || true
  wait "$launcher" || true
  rm -rf "$data" "$log"
}

for round in $(seq 1 "$ROUNDS"); do
  measure "$baseline" "baseline $BASELINE_REV, round $round"
  measure "." "this tree, round $round"
done
