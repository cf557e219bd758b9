#!/usr/bin/env bash
# JMH microbenchmarks of the ranker module (src/test/java, classes named *Benchmark).
#
# Usage: bench/jmh.sh [JMH ARGS...]   e.g. bench/jmh.sh FoldInBenchmark -p items=5,50
# Without arguments every benchmark runs. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JDK="$(./recsys java 2>/dev/null)"
JAVA_HOME="$JDK" ./mvnw -B -q -pl ranker -am test-compile >/dev/null 2>&1 \
  || { echo "build failed (run: ./recsys build)" >&2; exit 1; }
CP="ranker/target/test-classes:ranker/target/classes:$(cat ranker/target/test-classpath.txt)"
exec "$JDK/bin/java" -cp "$CP" org.openjdk.jmh.Main "$@"
