#!/usr/bin/env bash
# The first click after "ready", in the browser: starts the demo RUNS times on fresh data (a cold start,
# the catalog built again), and as soon as it says it is ready opens the storefront in Debian's Chromium for
# a new shopper, clicks their first item and reports the storefront's first render and the click until the
# refreshed feed is drawn (tools DemoFirstClick), with the demo's start-up time.
# Usage: bench/demo-first-click.sh [RUNS=3]
# EMBEDDER (hashed or transformer[:MODEL]) is passed as the demo's --embedder; unset, the default.
# Needs chromium and chromium-driver (./recsys test installs them), or CHROMIUM and CHROMEDRIVER set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${1:-3}"
JDK="$(./recsys java 2>/dev/null)"
./recsys build >/dev/null 2>&1
JAVA_HOME="$JDK" ./mvnw -B -q -o -pl tools test-compile -Dspotless.check.skip=true >/dev/null 2>&1 \
  || { echo "build failed (run: ./recsys build)" >&2; exit 1; }
CP="tools/target/test-classes:tools/target/classes:$(cat tools/target/test-classpath.txt)"
log="$(mktemp)"
trap 'pkill -TERM -f dev.recsys.infra.demo.DemoMain || true; rm -f "$log"' EXIT
for run in $(seq 1 "$RUNS"); do
  ./recsys demo --fresh ${EMBEDDER:+--embedder "$EMBEDDER"} >"$log" 2>&1 &
  launcher=$!
  for _ in $(seq 1 3000); do
    grep -q "ready in" "$log" && break
    sleep 0.1
  done
  ready="$(grep -o 'ready in [0-9.]* s' "$log" || echo 'not ready within 300 s')"
  click="$("$JDK/bin/java" -cp "$CP" dev.recsys.tools.web.DemoFirstClick 2>/dev/null || true)"
  echo "run $run: $ready; ${click:-the browser did not start}"
  pkill -TERM -f dev.recsys.infra.demo.DemoMain || true
  wait "$launcher" || true
done
