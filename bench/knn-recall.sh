#!/usr/bin/env bash
# HNSW recall@10 and latency against exact search, for the serving settings and a few alternatives,
# on a generated catalog and (when ../shared/data is present) on the Instacart and MovieLens catalogs.
# Usage: bench/knn-recall.sh [GENERATED=50000] [QUERIES=500]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
GENERATED="${1:-50000}"
QUERIES="${2:-500}"
DATA="../shared/data"
./recsys build >/dev/null 2>&1
sources=("--generated $GENERATED")
[[ -d "$DATA/instacart-products" ]] && sources+=("--source instacart:$DATA/instacart-products")
[[ -d "$DATA/movielens-small" ]] && sources+=("--source movielens:$DATA/movielens-small")
for source in "${sources[@]}"; do
  for settings in "--max-conn 16 --beam-width 100" "--max-conn 32 --beam-width 200 --quantized" \
                  "--max-conn 32 --beam-width 200"; do
    echo "== $source $settings"
    # shellcheck disable=SC2086
    ./recsys knn-recall $source $settings --queries "$QUERIES" 2>/dev/null
  done
done
