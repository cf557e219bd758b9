#!/usr/bin/env bash
# JMH microbenchmarks of a module (src/test/java, classes named *Benchmark): ranker unless MODULE
# names another (ingest-job, index-service, tools).
#
# Usage: [MODULE=ingest-job] bench/jmh.sh [JMH ARGS...]   e.g. bench/jmh.sh FoldInBenchmark -p items=5,50
# Without arguments every benchmark of the module runs. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JDK="$(./recsys java 2>/dev/null)"
MODULE="${MODULE:-ranker}"
[[ -f "$MODULE/pom.xml" ]] || { echo "no module '$MODULE'" >&2; exit 2; }
JAVA_HOME="$JDK" ./mvnw -B -q -pl "$MODULE" -am test-compile >/dev/null 2>&1 \
  || { echo "build failed (run: ./recsys build)" >&2; exit 1; }
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/test-classpath.txt")"
exec "$JDK/bin/java" -cp "$CP" org.openjdk.jmh.Main "$@"
