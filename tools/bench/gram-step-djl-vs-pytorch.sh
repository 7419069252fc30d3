#!/usr/bin/env bash
# One GRAM-tiny pre-training step (forward + backward + clip + AdamW), same shapes and operations,
# in DJL (models-gram's GramNetwork, libtorch 2.5.1) and in Debian's PyTorch (python3-torch), side by
# side in one run on this CPU. Random input; no data loading. See docs/performance.md.
#
# Usage (from the repository root, after the README's build `mvn -B -q -DskipTests package`; the class
# path is the distribution's lib/ folder plus models-gram's test classes, no `mvn install`):
#   tools/bench/gram-step-djl-vs-pytorch.sh            # [CROPS=32] [STEPS=20] [WARMUP=3] [VARIANT=binaural] [MASKING=patch]
set -euo pipefail
cd "$(dirname "$0")/../.."
CROPS="${CROPS:-32}"; STEPS="${STEPS:-20}"; WARMUP="${WARMUP:-3}"; VARIANT="${VARIANT:-binaural}"; MASKING="${MASKING:-patch}"
LIB=harness-runner/target/nathear/lib
if [[ ! -d models-gram/target/test-classes/org/nathear/gram/bench || ! -d "$LIB" ]]; then
  echo "nathear is not built; run: mvn -B -q -DskipTests package" >&2
  exit 1
fi
CP="models-gram/target/test-classes:$LIB/*"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$PWD/models-gram/target/djl-cache}"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); python: $(/usr/bin/python3 --version); OMP_WAIT_POLICY=$OMP_WAIT_POLICY"
for threads in 2 1; do
  echo -n "threads=$threads: "
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" \
    org.nathear.gram.bench.GramStepBenchmark "$CROPS" "$STEPS" "$WARMUP" "$VARIANT" "$MASKING" 2>/dev/null | tail -1
done
/usr/bin/python3 tools/bench/gram_tiny_step.py --crops "$CROPS" --steps "$STEPS" --warmup "$WARMUP" --threads 2 --variant "$VARIANT" --masking "$MASKING"
/usr/bin/python3 tools/bench/gram_tiny_step.py --crops "$CROPS" --steps "$STEPS" --warmup "$WARMUP" --threads 1 --variant "$VARIANT" --masking "$MASKING"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
