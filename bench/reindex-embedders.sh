#!/usr/bin/env bash
# The Transformer embedder against the hashed one on the Instacart catalog (49,688 items), side by side
# in one run, against a real service and broker started here (temporary data folder, ports 19092/18080;
# the service on the demo catalog, its simulator at 5 events/s):
#
#   1. reindex with hashed;
#   2. reindex with transformer, from an empty embedding cache;
#      then, its generation live: QUERIES search requests at RATE req/s drawn (seeded) from QUERIES
#      distinct queries no generation saw before (the first words of Instacart product names): the cold
#      pass, each query embedded when first seen; then SECONDS s of search at RATE req/s over the same
#      queries (the steady state, their vectors cached); then SECONDS s of feed at RATE req/s;
#   3. reindex with transformer again (every text in the cache);
#   4. reindex with hashed again; then the same cold pass, search and feed load on the hashed generation;
#   5. reindex with transformer a third time; search and feed load again.
#
# Each reindex's figure is the wall time of ./recsys reindex (both passes, validation, catch-up, swap and
# publishing the item vectors). Prints the embedding cache's size on disk at the end.
# Usage: bench/reindex-embedders.sh [RATE=200] [SECONDS=30] [QUERIES=1000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RATE="${1:-200}"
SECONDS_EACH="${2:-30}"
QUERIES="${3:-1000}"
SHARED="$(cd .. && pwd)/shared/data"
URL=http://127.0.0.1:18080
TOKEN=bench-admin-token
DATA="$(mktemp -d)"
./recsys build >/dev/null 2>&1

cleanup() {
  set +e
  for pid in ${SERVICE:-} ${BROKER:-}; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$DATA"
}
trap cleanup EXIT

# Three sets of QUERIES distinct queries, one per measured generation, so each cold pass meets queries
# no generation saw before: the first two or three words of every 13th product name.
awk -F, 'NR > 1 && NR % 13 == 0 {
    name = tolower($2); gsub(/"/, "", name); n = split(name, w, " ");
    q = w[1]; for (i = 2; i <= (n < 3 ? n : 3); i++) q = q " " w[i];
    if (!(q in seen)) { seen[q] = 1; print q } }' "$SHARED/instacart-products/products.csv" >"$DATA/all-queries.txt"
for set in 1 2 3; do
  sed -n "$(((set - 1) * QUERIES + 1)),$((set * QUERIES))p" "$DATA/all-queries.txt" >"$DATA/queries-$set.txt"
  [[ "$(wc -l <"$DATA/queries-$set.txt")" -eq "$QUERIES" ]] || { echo "too few distinct queries for set $set" >&2; exit 2; }
done

./recsys kafka --data "$DATA/kafka" --port 19092 --controller-port 19093 >"$DATA/kafka.log" 2>&1 &
BROKER=$!
until grep -q "Kafka broker ready" "$DATA/kafka.log" 2>/dev/null; do sleep 1; done
./recsys serve --bootstrap-servers 127.0.0.1:19092 --http-port 18080 --data "$DATA/service" --demo \
  --simulator-rate 5 --admin-token "$TOKEN" --catalog-dir "$SHARED" >"$DATA/service.log" 2>&1 &
SERVICE=$!
until curl -sf "$URL/readyz" >/dev/null; do sleep 1; done
./recsys load --server "$URL" --duration 20s --concurrency 4 >/dev/null 2>&1 # the JIT's warm-up

reindex() {
  local began ended
  began=$(date +%s.%N)
  ./recsys reindex --source "$SHARED/instacart-products" --format instacart --server "$URL" --token "$TOKEN" \
    --embedder "$1" 2>/dev/null | tail -4
  ended=$(date +%s.%N)
  printf '== reindex with %s (%s): %.1f s\n' "$1" "$2" "$(echo "$ended - $began" | bc)"
}

load_on_live() {
  local live queries="$DATA/queries-$1.txt"
  live=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/v1/admin/status" | grep -o '"embedder":"[^"]*"' | head -1)
  echo "== live: $live"
  echo "-- search, cold pass: $QUERIES requests at $RATE req/s drawn from $QUERIES queries never searched before"
  ./recsys load --server "$URL" --warmup 0s --duration 600s --requests "$QUERIES" \
    --concurrency 16 --rate "$RATE" --mix search=1 --queries "$queries" --seed 1 2>/dev/null | grep -iE "search|req/s"
  echo "-- search, steady: $SECONDS_EACH s at $RATE req/s"
  ./recsys load --server "$URL" --warmup 5s --duration "${SECONDS_EACH}s" --concurrency 16 --rate "$RATE" \
    --mix search=1 --queries "$queries" --seed 2 2>/dev/null | grep -iE "search|req/s"
  echo "-- feed: $SECONDS_EACH s at $RATE req/s"
  ./recsys load --server "$URL" --warmup 5s --duration "${SECONDS_EACH}s" --concurrency 16 --rate "$RATE" \
    --mix feed=1 --seed 3 2>/dev/null | grep -iE "feed|req/s"
}

reindex hashed "1"
reindex transformer "empty cache"
load_on_live 1
reindex transformer "cache full"
reindex hashed "2"
load_on_live 2
reindex transformer "cache full, again"
load_on_live 3
echo "== embedding cache on disk"
ls -l "$DATA/service/embeddings"
