#!/usr/bin/env bash
# What a person feels in the storefront and the console, measured by the browser test in Debian's Chromium
# against a real broker, stream job and service (tools WebPagesBrowserIT): the storefront's first render
# (navigation start to the feed drawn), a click until the refreshed feed is drawn (User Timing marks of the
# page), and the bytes each page transferred (compressed). RUNS runs of the test, one after another.
# Usage: bench/browser-timings.sh [RUNS=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${1:-3}"
./recsys build >/dev/null 2>&1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for run in $(seq 1 "$RUNS"); do
  ./recsys test -o -q -pl tools -Dtest=none -Dit.test=WebPagesBrowserIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.check.skip=true >"$log" 2>&1 || { tail -40 "$log" >&2; exit 1; }
  grep '^browser:' "$log" | sed "s/^/run $run: /"
done
