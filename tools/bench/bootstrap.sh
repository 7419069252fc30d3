#!/usr/bin/env bash
# Bootstrap interval cost: ResampledSceneMetric (counts) vs the reference (repeated rows + SceneMetrics),
# 1000 resamples, synthetic seeded predictions (see org.nathear.benchmarks.BootstrapBenchmark's javadoc).
#
# Builds nothing: run the build first, from the repository root:
#   mvn -B -q -DskipTests package        (builds the JMH benchmarks module, benchmarks/target)
# then:
#   tools/bench/bootstrap.sh [REFERENCE_RESAMPLES=10] [SIZES=esc50,fsd50k]
# The reference is timed on REFERENCE_RESAMPLES resamples and scaled to 1000; each figure is the median
# of 3 JMH iterations after 1 warm-up iteration (one JVM fork, one thread).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
if [[ ! -f benchmarks/target/benchmarks.jar || ! -d benchmarks/target/lib ]]; then
  echo "nathear is not built; run: mvn -B -q -DskipTests package" >&2
  exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.openjdk.jmh.Main BootstrapBenchmark \
  -p referenceResamples="${1:-10}" -p size="${2:-esc50,fsd50k}" -rf json -rff "$TMP/jmh.json" > "$TMP/jmh.log" 2>&1 \
  || { tail -30 "$TMP/jmh.log" >&2; exit 1; }
/usr/bin/python3 tools/bench/jmh_results.py bootstrap "$TMP/jmh.json" "$TMP/jmh.log"
