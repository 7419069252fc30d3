#!/usr/bin/env bash
# Harness overhead on an ONNX model: plain ONNX Runtime vs nathear on the same graph and clips.
#
# Builds nothing: run the build first, from the repository root:
#   mvn -B -q -DskipTests package      (compiles the test classes too)
# then:
#   tools/bench/onnx-overhead.sh [CLIPS=32] [SECONDS=10] [ROUNDS=5] [THREADS=1]
#
# Writes a benchmark graph (20 ms waveform frames through an MLP 320-1024-1024-768, built with
# tribuo-util-onnx) to a temporary folder, makes CLIPS seeded noise clips of SECONDS at 16 kHz, and
# times, interleaved round by round with the order rotated: plain ONNX Runtime, nathear's guarded
# ONNX model, and nathear's whole embedding path without the disk cache (org.nathear.runner.bench.
# OnnxOverheadBenchmark). Prints a Markdown table. Needs java 17 on the PATH.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
if [[ ! -d harness-runner/target/nathear/lib || ! -d harness-runner/target/test-classes/org/nathear/runner/bench ]]; then
  echo "harness-runner is not built; run: mvn -B -q -DskipTests package" >&2
  exit 1
fi
TMP="$ROOT/harness-runner/target/bench-tmp"   # ONNX Runtime leaves an empty onnxruntime-java* folder per JVM here
mkdir -p "$TMP"
CP="harness-runner/target/nathear/lib/*:harness-runner/target/test-classes:models-baselines/target/test-classes:harness-api/target/test-classes"
exec java -Xmx4g -Djava.io.tmpdir="$TMP" -cp "$CP" org.nathear.runner.bench.OnnxOverheadBenchmark "$@"
