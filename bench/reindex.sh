#!/usr/bin/env bash
# Reindex benchmark against a real service and broker started here (temporary data folder, ports
# 19092/18080): feed/search latency with no reindex, then the same steady load while the Instacart
# catalog is reindexed and swapped in (failures and empty answers counted), index size and heap,
# again with the indexing pass throttled to THROTTLE items/s, then a generated catalog of COUNT items
# (0 skips it).
# Usage: bench/reindex.sh [COUNT=1000000] [RATE=200] [THROTTLE=1000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COUNT="${1:-1000000}"
RATE="${2:-200}"
THROTTLE="${3:-1000}"
SHARED="$(cd .. && pwd)/shared/data"
URL=http://127.0.0.1:18080
TOKEN=bench-admin-token
DATA="$(mktemp -d)"
./recsys build >/dev/null 2>&1
JDK="$(./recsys java 2>/dev/null)"

cleanup() {
  set +e
  for pid in ${SERVICE:-} ${BROKER:-}; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$DATA"
}
trap cleanup EXIT

./recsys kafka --data "$DATA/kafka" --port 19092 --controller-port 19093 >"$DATA/kafka.log" 2>&1 &
BROKER=$!
until grep -q "Kafka broker ready" "$DATA/kafka.log" 2>/dev/null; do sleep 1; done
./recsys serve --bootstrap-servers 127.0.0.1:19092 --http-port 18080 --data "$DATA/service" --demo \
  --simulator-rate 5 --admin-token "$TOKEN" >"$DATA/service.log" 2>&1 &
SERVICE=$!
until curl -sf "$URL/readyz" >/dev/null; do sleep 1; done

status() { curl -s -H "Authorization: Bearer $TOKEN" "$URL/v1/admin/status"; echo; }
heap() {
  local pid
  pid="$(pgrep -f "dev.recsys.index.ServiceMain.*18080" | head -1)"
  "$JDK/bin/jcmd" "$pid" GC.run >/dev/null
  "$JDK/bin/jcmd" "$pid" GC.heap_info | grep -iE "used|garbage-first heap" | head -2
}

# Warm-up: a fresh JVM serves its first seconds interpreted; measure the steady state.
./recsys load --server "$URL" --duration 20s --concurrency 4 >/dev/null 2>&1
echo "== heap with the 6,000-item demo catalog live"; heap
echo "== steady load, no reindex ($RATE req/s, 30 s)"
./recsys load --server "$URL" --duration 30s --concurrency 64 --rate "$RATE" 2>/dev/null

# Steady load for the whole reindex (it stops once the reindex is over) plus 5 s either side, after the
# load tool's unrecorded 5 s warm-up.
reindex_under_load() {
  local limit="$1"
  rm -f "$DATA/stop"
  ./recsys load --server "$URL" --warmup 5s --duration 600s --concurrency 64 --rate "$RATE" --stop-file "$DATA/stop" \
    >"$DATA/load.txt" 2>/dev/null &
  local load=$!
  sleep 10
  ./recsys reindex --source "$SHARED/instacart-products" --format instacart --server "$URL" --token "$TOKEN" \
    --max-items-per-second "$limit" 2>/dev/null
  sleep 5
  touch "$DATA/stop"
  wait "$load" || true
  cat "$DATA/load.txt"
}

echo "== the same load while the Instacart catalog (49,688 items) is reindexed and swapped in"
reindex_under_load 0
echo "== status after the Instacart swap"; status
echo "== heap with the Instacart catalog live"; heap
echo "== the same, with the indexing pass throttled to $THROTTLE items/s"
reindex_under_load "$THROTTLE"

if [[ "$COUNT" -gt 0 ]]; then
  echo "== generated catalog of $COUNT items"
  ./recsys reindex --format generated --count "$COUNT" --seed 7 --server "$URL" --token "$TOKEN" 2>/dev/null
  echo "== status after the generated swap"; status
  echo "== heap with the generated catalog live"; heap
fi
