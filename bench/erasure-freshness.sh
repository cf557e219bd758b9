#!/usr/bin/env bash
# Erasure freshness on the demo: starts it on fresh data, then ./recsys freshness --erase erases EVENTS
# brand-new shoppers one at a time, each once served, and reports two times from each DELETE: until the
# service serves nothing of the shopper, and until the stream job has applied the erasure (the shopper's
# next event is served as the first of a new profile).
# Usage: bench/erasure-freshness.sh [EVENTS=200]
# (SIGTERM, not SIGINT: a background job of a script ignores SIGINT; the demo stops the same way.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EVENTS="${1:-200}"
./recsys build >/dev/null 2>&1
log="$(mktemp)"
(exec ./recsys demo --fresh) >"$log" 2>&1 &
launcher=$!
for _ in $(seq 1 180); do
  grep -q "ready in" "$log" && break
  sleep 1
done
echo "demo: $(grep -o 'ready in [0-9.]* s' "$log" || echo 'not ready within 180 s')"
# DELETE /v1/admin/users needs the admin token: the demo's.
./recsys freshness --erase --events "$EVENTS" --token demo-admin-token 2>/dev/null || true
kill -TERM "$launcher" 2>/dev/null || true
wait "$launcher" || true
rm -f "$log"
