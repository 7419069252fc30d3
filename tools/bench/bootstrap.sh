#!/usr/bin/env bash
# Bootstrap interval cost: ResampledSceneMetric (counts) vs the reference (repeated rows + SceneMetrics),
# 1000 resamples, synthetic seeded predictions (see BootstrapBenchmark's javadoc).
#
# Builds nothing: run the build first, from the repository root:
#   mvn -B -q -DskipTests package
# then:
#   tools/bench/bootstrap.sh [REFERENCE_RESAMPLES=10]
# The reference is timed on REFERENCE_RESAMPLES resamples and scaled to 1000.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
if [[ ! -d harness-runner/target/test-classes/org/nathear/runner/metrics/bench ]]; then
  echo "harness-runner is not built; run: mvn -B -q -DskipTests package" >&2
  exit 1
fi
exec java -Xmx4g -cp "harness-runner/target/test-classes:harness-runner/target/nathear/lib/*" \
  org.nathear.runner.metrics.bench.BootstrapBenchmark "${1:-10}"
