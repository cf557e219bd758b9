#!/usr/bin/env bash
# Feed and search latency under load against a service that is already running (./recsys demo or serve):
# a closed-loop run, then an open-loop run at a fixed rate.
# Usage: bench/load-feed-search.sh [URL=http://127.0.0.1:8080] [DURATION=30s] [RATE=200]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
URL="${1:-http://127.0.0.1:8080}"
DURATION="${2:-30s}"
RATE="${3:-200}"
echo "== closed loop, 8 workers"
./recsys load --server "$URL" --duration "$DURATION" --concurrency 8 2>/dev/null
echo "== open loop, $RATE req/s"
./recsys load --server "$URL" --duration "$DURATION" --concurrency 64 --rate "$RATE" 2>/dev/null
