#!/usr/bin/env bash
# /v1/feed and /v1/search latency and throughput over HTTP at a catalog size, against a real service
# and broker started here (temporary data folder, ports 19092/18080, the demo's simulated shoppers
# writing events in the background at 5/s): the catalog is reindexed to the Instacart products
# (49,688 items) or to COUNT generated items, the service is warmed up, then
#   1. a closed loop of 8 workers (the most the box serves, with the load tool on the same 2 cores);
#   2. an open loop at each rate of RATES requests/s over 64 connections.
# The mix is 70% feed, 30% search; one in ten shoppers is unknown (cold-start feeds). Each load run
# first sends 5 s of the same load unrecorded (`./recsys load --warmup`), so its figures are not the
# load tool's own start-up.
# With KEEP_DATA=DIR the broker's and service's data live in DIR and are kept: a later run with the same
# DIR reopens the catalog built there (the service restarts on its CURRENT generation) instead of
# rebuilding it, which saves the 13-minute rebuild at 1,000,000 items between runs.
# Usage: [KEEP_DATA=DIR] bench/feed-load.sh [CATALOG=instacart|COUNT] [SECONDS=30] [RATES="200 500 1000"]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CATALOG="${1:-instacart}"
SECONDS_PER_RUN="${2:-30}"
RATES="${3:-200 500 1000}"
SHARED="$(cd .. && pwd)/shared/data"
URL=http://127.0.0.1:18080
TOKEN=bench-admin-token
DATA="${KEEP_DATA:-$(mktemp -d)}"
mkdir -p "$DATA"
./recsys build >/dev/null 2>&1

cleanup() {
  set +e
  for pid in ${SERVICE:-} ${BROKER:-}; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  [[ -n "${KEEP_DATA:-}" ]] || rm -rf "$DATA"
}
trap cleanup EXIT

: >"$DATA/kafka.log"
./recsys kafka --data "$DATA/kafka" --port 19092 --controller-port 19093 >"$DATA/kafka.log" 2>&1 &
BROKER=$!
until grep -q "Kafka broker ready" "$DATA/kafka.log" 2>/dev/null; do sleep 1; done
./recsys serve --bootstrap-servers 127.0.0.1:19092 --http-port 18080 --data "$DATA/service" --demo \
  --simulator-rate 5 --admin-token "$TOKEN" >"$DATA/service.log" 2>&1 &
SERVICE=$!
until curl -sf "$URL/readyz" >/dev/null; do sleep 1; done

live_items() {
  curl -sf -H "Authorization: Bearer $TOKEN" "$URL/v1/admin/status" | sed -n 's/^{"live":{[^}]*"items":\([0-9]*\).*/\1/p'
}
wanted="$CATALOG"
[[ "$CATALOG" == instacart ]] && wanted=49688
if [[ -n "${KEEP_DATA:-}" && "$(live_items)" == "$wanted" ]]; then
  echo "  reopened the catalog of $wanted items kept in $DATA"
  # A restarted service publishes every item's vectors again; measure after that, as after a rebuild.
  until grep -q "published $wanted item vectors" "$DATA/service.log"; do sleep 2; done
elif [[ "$CATALOG" == instacart ]]; then
  ./recsys reindex --source "$SHARED/instacart-products" --format instacart --server "$URL" --token "$TOKEN" \
    2>/dev/null | tail -1
else
  ./recsys reindex --format generated --count "$CATALOG" --seed 7 --server "$URL" --token "$TOKEN" 2>/dev/null | tail -1
fi

# A fresh JVM serves its first seconds interpreted; measure the steady state.
./recsys load --server "$URL" --duration 20s --concurrency 4 >/dev/null 2>&1
echo "== closed loop, 8 workers, $SECONDS_PER_RUN s"
./recsys load --server "$URL" --duration "${SECONDS_PER_RUN}s" --concurrency 8 2>/dev/null
for rate in $RATES; do
  echo "== open loop, $rate req/s, $SECONDS_PER_RUN s"
  ./recsys load --server "$URL" --duration "${SECONDS_PER_RUN}s" --concurrency 64 --rate "$rate" 2>/dev/null
done
