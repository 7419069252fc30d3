#!/usr/bin/env bash
# Log-mel front end, Java (harness-api LogMelSpectrogram, GRAM config) vs torchaudio, on the same audio.
#
# Builds nothing: run the build first, from the repository root:
#   mvn -B -q -DskipTests package          (the README's build)
# then:
#   tools/bench/logmel-vs-torchaudio.sh [SECONDS=60] [WARMUP=10] [REPS=20]
#
# Writes SECONDS of seeded uniform noise (seed 20240611, amplitude 0.5, 32 kHz, float32 WAV) to a
# temporary folder, times both implementations on it (Java on one thread; torch with 1 thread, with its
# default thread count, and with one thread per CPU), and prints a table with the ratio torchaudio / Java (> 1: Java is faster).
# Needs /usr/bin/python3 with numpy, scipy, torch and torchaudio, and java 17 on the PATH.
set -euo pipefail

SECONDS_OF_AUDIO=${1:-60}
WARMUP=${2:-10}
REPS=${3:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-/usr/bin/python3}
cd "$ROOT"

if [[ ! -f benchmarks/target/benchmarks.jar || ! -d benchmarks/target/lib ]]; then
  echo "nathear is not built; run: mvn -B -q -DskipTests package" >&2
  exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# the JMH benchmarks module (org.nathear.benchmarks.LogMelBenchmark) and its class path; no `mvn install`
CP="benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"

"$PY" - "$TMP/noise.wav" "$SECONDS_OF_AUDIO" <<'PYEOF'
import struct, sys
import numpy as np
path, seconds, sr = sys.argv[1], float(sys.argv[2]), 32000
x = np.random.default_rng(20240611).uniform(-0.5, 0.5, int(seconds * sr)).astype("<f4")
data = x.tobytes()
fmt = struct.pack("<HHIIHHH", 3, 1, sr, sr * 4, 4, 32, 0)
body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
open(path, "wb").write(b"RIFF" + struct.pack("<I", len(body)) + body)
PYEOF

{
  java -cp "$CP" org.openjdk.jmh.Main LogMelBenchmark -p wav="$TMP/noise.wav" -wi "$WARMUP" -i "$REPS" -f 1 \
    -rf json -rff "$TMP/jmh.json" > "$TMP/jmh.log" 2>&1 || { tail -30 "$TMP/jmh.log" >&2; exit 1; }
  "$PY" tools/bench/jmh_results.py logmel "$TMP/jmh.json" "$TMP/jmh.log" "$SECONDS_OF_AUDIO"
  "$PY" tools/bench/logmel_torchaudio.py "$TMP/noise.wav" "$WARMUP" "$REPS" 1
  "$PY" tools/bench/logmel_torchaudio.py "$TMP/noise.wav" "$WARMUP" "$REPS" 0
  if [[ $(nproc) -gt 1 ]]; then
    "$PY" tools/bench/logmel_torchaudio.py "$TMP/noise.wav" "$WARMUP" "$REPS" "$(nproc)"
  fi
} | tee "$TMP/results.txt" | grep -v '^RESULT' || true

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
echo "audio: ${SECONDS_OF_AUDIO} s at 32 kHz; ${WARMUP} warm-up runs, ${REPS} timed runs each"
awk '
  /^RESULT/ { n++; name[n] = $2; frames[n] = $4; med[n] = $5; min[n] = $6; mean[n] = $7; val[n] = $8
              if ($2 ~ /^java/) java = $5 }
  END {
    printf "| implementation | frames | median ms | min ms | mean ms | x realtime | median / Java median | mean log-mel |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= n; i++)
      printf "| %s | %d | %.1f | %.1f | %.1f | %.0f | %.2f | %s |\n", name[i], frames[i], med[i], min[i], mean[i],
             '"$SECONDS_OF_AUDIO"' * 1000 / med[i], med[i] / java, val[i]
  }' "$TMP/results.txt"
