#!/usr/bin/env bash
# Reindex benchmark against a real service and broker started here (temporary data folder, ports
# 19092/18080): feed/search latency with no reindex, then the same steady load while the Instacart
# catalog is reindexed and swapped in (failures and empty answers counted), index size and heap,
# then a generated catalog of COUNT items.
# Usage: bench/reindex.sh [COUNT=1000000] [RATE=200]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COUNT="${1:-1000000}"
RATE="${2:-200}"
SHARED="$(cd .. && pwd)/shared/data"
URL=http://127.0.0.1:18080
TOKEN=bench-admin-token
DATA="$(mktemp -d)"
./recsys build >/dev/null 2>&1
JDK="$(./recsys java 2>/dev/null)"

cleanup() {
  [[ -n "${SERVICE:-}" ]] && kill "$SERVICE" 2>/dev/null && wait "$SERVICE" 2>/dev/null
  [[ -n "${BROKER:-}" ]] && kill "$BROKER" 2>/dev/null && wait "$BROKER" 2>/dev/null
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

echo "== heap with the 6,000-item demo catalog live"; heap
echo "== steady load, no reindex ($RATE req/s, 30 s)"
./recsys load --url "$URL" --duration 30s --concurrency 64 --rate "$RATE" 2>/dev/null

echo "== the same load while the Instacart catalog (49,688 items) is reindexed and swapped in"
./recsys load --url "$URL" --duration 60s --concurrency 64 --rate "$RATE" >"$DATA/load.txt" 2>/dev/null &
LOAD=$!
sleep 5
./recsys reindex --source "$SHARED/instacart-products" --format instacart --server "$URL" --token "$TOKEN" 2>/dev/null
wait "$LOAD"; cat "$DATA/load.txt"
echo "== status after the Instacart swap"; status
echo "== heap with the Instacart catalog live"; heap

echo "== generated catalog of $COUNT items"
./recsys reindex --format generated --count "$COUNT" --seed 7 --server "$URL" --token "$TOKEN" 2>/dev/null
echo "== status after the generated swap"; status
echo "== heap with the generated catalog live"; heap
