#!/usr/bin/env bash
# Starts the demo RUNS times from a built tree, each time on fresh data (--fresh: a cold start, the
# catalog built again), and reports its start-up time (launcher start to "ready", which the demo says once
# two events have reached a feed) and how long the first event after that takes to reach a brand-new
# shopper's feed; then measures event -> /v1/feed freshness over EVENTS events on the last run.
# Usage: bench/demo-freshness.sh [RUNS=3] [EVENTS=200]
# EMBEDDER (hashed or transformer[:MODEL]) is passed as the demo's --embedder; unset, the default.
# (SIGTERM, not SIGINT: a background job of a script ignores SIGINT; the demo stops the same way.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${1:-3}"
EVENTS="${2:-200}"
./recsys build >/dev/null 2>&1
log="$(mktemp)"
for run in $(seq 1 "$RUNS"); do
  ./recsys demo --fresh ${EMBEDDER:+--embedder "$EMBEDDER"} >"$log" 2>&1 &
  launcher=$!
  for _ in $(seq 1 300); do
    grep -q "ready in" "$log" && break
    sleep 1
  done
  echo "run $run: $(grep -o 'ready in [0-9.]* s' "$log" || echo 'not ready within 300 s')"
  echo "run $run: the first event after ready: $(./recsys freshness --events 1 --token demo-admin-token 2>/dev/null |
    grep -o 'p50 [0-9.]* ms' || echo 'not measured')"
  if [[ "$run" == "$RUNS" ]]; then
    # The probe reads shoppers' records, which need a token: the demo's admin token.
    ./recsys freshness --events "$EVENTS" --token demo-admin-token 2>/dev/null
  fi
  pkill -TERM -f dev.recsys.infra.demo.DemoMain || true
  wait "$launcher" || true
done
rm -f "$log"
