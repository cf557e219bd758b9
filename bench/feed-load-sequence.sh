#!/usr/bin/env bash
# /v1/feed latency with the sequence model on against off, side by side on one service over a generated
# catalog of COUNT items (default 1,000,000) that carries a sequence model. A real broker and service are
# started here (ports 19092/18080, the demo's simulated shoppers writing events at 5/s, as in
# bench/feed-load.sh), then:
#   1. the catalog is built once, with hashed content vectors (256-d): a seeded random sequence model of the
#      trained model's shape (64-d, 2 blocks, 20 places; tools SampleSequenceModel) goes up with the
#      generated catalog in one reindex upload, so every item gets its `seq` vector;
#   2. shopper-1 … shopper-USERS get profiles with 10 recent catalog items each, published straight to
#      user-vectors (tools ProfileSeeder): the feed computes each one's sequence embedding, runs knn-seq and
#      scores `seq` (the request's default w.seq = 0.2);
#   3. the load tool (70% feed, 30% search, one request in ten from an unknown visitor) runs 20 s of
#      warm-up per variant, then ROUNDS rounds of an open loop at RATE requests/s over 64 connections, the
#      model on (default weights) then off (every feed request with w.seq=0, which leaves the model out:
#      no embedding, no knn-seq, no seq score), then one closed loop of 8 workers per variant.
# Random weights cost what trained ones do in the forward pass; their item vectors are spread evenly, a
# harder HNSW search than trained embeddings' clusters.
# With KEEP_DATA=DIR the data live in DIR and are kept: a later run reopens the catalog (the build takes
# 15 to 20 minutes at 1,000,000 items).
# Usage: [KEEP_DATA=DIR] bench/feed-load-sequence.sh [COUNT=1000000] [ROUNDS=3] [SECONDS=30] [RATE=1000] [USERS=1000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COUNT="${1:-1000000}"
ROUNDS="${2:-3}"
SECONDS_PER_RUN="${3:-30}"
RATE="${4:-1000}"
USERS="${5:-1000}"
URL=http://127.0.0.1:18080
TOKEN=bench-admin-token
DATA="${KEEP_DATA:-$(mktemp -d)}"
mkdir -p "$DATA"
./recsys build >/dev/null 2>&1
JAVA="$(./recsys java 2>/dev/null)/bin/java"
TOOLS_CP="tools/target/classes:$(cat tools/target/classpath.txt)"

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
  --embedder hashed --simulator-rate 5 --admin-token "$TOKEN" >"$DATA/service.log" 2>&1 &
SERVICE=$!
until curl -sf "$URL/readyz" >/dev/null; do sleep 1; done

admin() { curl -sf -H "Authorization: Bearer $TOKEN" "$@"; }
live_items() { admin "$URL/v1/admin/status" | sed -n 's/^{"live":{[^}]*"items":\([0-9]*\).*/\1/p'; }
if [[ -n "${KEEP_DATA:-}" && "$(live_items)" == "$COUNT" ]]; then
  echo "reopened the catalog of $COUNT items kept in $DATA"
  until grep -q "published $COUNT item vectors" "$DATA/service.log"; do sleep 2; done
else
  model="$DATA/sequence-model.json"
  "$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.sequence.SampleSequenceModel --count "$COUNT" --out "$model"
  started=$(date +%s)
  job=$( (printf '{"format":"generated","count":%s,"seed":7,"embedder":"hashed","sequenceModel":true}\n' "$COUNT"
    cat "$model") | admin -X POST -H 'Content-Type: application/x-ndjson' --data-binary @- "$URL/v1/admin/reindex" |
    sed -n 's/.*"job":"\([^"]*\)".*/\1/p')
  [[ -n "$job" ]] || { echo "the reindex upload was refused" >&2; exit 1; }
  while true; do
    status="$(admin "$URL/v1/admin/reindex/$job")"
    [[ "$status" == *'"phase":"succeeded"'* ]] && break
    [[ "$status" == *'"phase":"failed"'* || "$status" == *'"phase":"cancelled"'* ]] && { echo "$status" >&2; exit 1; }
    sleep 10
  done
  echo "built $COUNT items with the sequence model in $(($(date +%s) - started)) s: $status"
fi

"$JAVA" -cp "$TOOLS_CP" dev.recsys.tools.stream.ProfileSeeder --bootstrap-servers 127.0.0.1:19092 \
  --users "$USERS" --count "$COUNT" --dimension 256
until curl -sf "$URL/v1/feed?user=shopper-$USERS&k=10" | grep -q '"sources":\[[^]]*"seq"'; do sleep 1; done
echo "shopper-$USERS's feed: $(curl -sf "$URL/v1/feed?user=shopper-$USERS&k=10" | grep -o '"sources":\[[^]]*\]')"
echo "with w.seq=0: $(curl -sf "$URL/v1/feed?user=shopper-$USERS&k=10&w.seq=0" | grep -o '"sources":\[[^]]*\]')"

on=()
off=(--feed-params w.seq=0)
load() { ./recsys load --server "$URL" --users "$USERS" "$@" 2>/dev/null; }
load --duration 20s --concurrency 4 >/dev/null
load --duration 20s --concurrency 4 "${off[@]}" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "-- open loop, $RATE req/s, ${SECONDS_PER_RUN} s, round $round: model on"
  load --duration "${SECONDS_PER_RUN}s" --concurrency 64 --rate "$RATE" "${on[@]}"
  echo "-- open loop, $RATE req/s, ${SECONDS_PER_RUN} s, round $round: model off (w.seq=0)"
  load --duration "${SECONDS_PER_RUN}s" --concurrency 64 --rate "$RATE" "${off[@]}"
done
echo "-- closed loop, 8 workers, ${SECONDS_PER_RUN} s: model on"
load --duration "${SECONDS_PER_RUN}s" --concurrency 8 "${on[@]}"
echo "-- closed loop, 8 workers, ${SECONDS_PER_RUN} s: model off (w.seq=0)"
load --duration "${SECONDS_PER_RUN}s" --concurrency 8 "${off[@]}"
