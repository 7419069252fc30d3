#!/usr/bin/env bash
# Nat-HEAR's FFT convolution (tasks FftConvolver, JTransforms) vs scipy.signal.oaconvolve, same files.
#
# Builds nothing: run the README's build first, from the repository root:
#   mvn -B -q -DskipTests package
# (it builds the JMH benchmarks module, benchmarks/target; no `mvn install`), then:
#   tools/bench/convolution-vs-scipy.sh [WARMUP=3] [REPS=10]
#
# Writes seeded signals as float32 WAVs (seed 20261127, 32 kHz): a 10 s noise source, 32 sources of
# 5 s, a 1 s 4-channel and a 1 s 2-channel exponentially decaying noise "RIR" (RT60 0.6 s), then
# times both implementations on them and prints a table (ratio > 1: Java is faster). Outputs are
# compared by the sum of all output samples.
set -euo pipefail
WARMUP=${1:-3}
REPS=${2:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-/usr/bin/python3}
cd "$ROOT"
if [[ ! -f benchmarks/target/benchmarks.jar || ! -d benchmarks/target/lib ]]; then
  echo "nathear is not built; run: mvn -B -q -DskipTests package" >&2
  exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# the JMH benchmarks module (org.nathear.benchmarks.ConvolutionBenchmark) and its class path
CP="benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"

"$PY" - "$TMP" <<'PYEOF'
import sys
import numpy as np
from scipy.io import wavfile
d, fs = sys.argv[1], 32000
rng = np.random.default_rng(20261127)
def rir(channels):
    t = np.arange(fs) / fs
    return (rng.standard_normal((fs, channels)) * 0.05 * 10 ** (-3 * t / 0.6)[:, None]).astype(np.float32)
wavfile.write(f"{d}/source10s.wav", fs, (0.1 * rng.standard_normal(10 * fs)).astype(np.float32))
wavfile.write(f"{d}/batch_sources.wav", fs, (0.1 * rng.standard_normal((5 * fs, 32))).astype(np.float32))
wavfile.write(f"{d}/rir_foa_1s.wav", fs, rir(4))
wavfile.write(f"{d}/rir_binaural_1s.wav", fs, rir(2))
PYEOF

{
  java -cp "$CP" org.openjdk.jmh.Main ConvolutionBenchmark -p dir="$TMP" -wi "$WARMUP" -i "$REPS" -f 1 \
    -rf json -rff "$TMP/jmh.json" > "$TMP/jmh.log" 2>&1 || { tail -30 "$TMP/jmh.log" >&2; exit 1; }
  "$PY" tools/bench/jmh_results.py convolution "$TMP/jmh.json" "$TMP/jmh.log" "$(nproc)"
  OMP_NUM_THREADS=1 "$PY" tools/bench/convolution_scipy.py "$TMP" "$WARMUP" "$REPS"
} > "$TMP/results.txt"

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
echo "${WARMUP} warm-up runs, ${REPS} timed runs each"
awk -F'\t' '
  function base(c) { sub(/ \[JTransforms [0-9]+ threads\]$/, "", c); sub(/, [0-9]+ threads$/, ", 1 thread", c); return c }
  /^RESULT/ { n++; impl[n] = $2; case_[n] = $3; sec[n] = $4; med[n] = $5; min[n] = $6; sum[n] = $7
              if ($2 ~ /^java/ && $3 == base($3)) java[$3] = $5 }
  END {
    printf "| case | implementation | median ms | min ms | x realtime | median / Java one-thread median | sum of outputs |\n"
    printf "|---|---|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= n; i++)
      printf "| %s | %s | %.1f | %.1f | %.0f | %.2f | %s |\n", case_[i], impl[i], med[i], min[i], sec[i] * 1000 / med[i],
             med[i] / java[base(case_[i])], sum[i]
  }' "$TMP/results.txt"
