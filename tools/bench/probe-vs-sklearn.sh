#!/bin/bash
# Linear probe speed: nathear's L-BFGS path (ProbeSpeedBenchmark) against one scikit-learn
# LogisticRegression (lbfgs, C=1) on the same seeded problem, one after the other on this machine; the
# default noise makes it a problem with test accuracy below 0.95. Build first (no install needed):
#   mvn -B -q -DskipTests package
# Usage: tools/bench/probe-vs-sklearn.sh [TRAIN=5000] [TEST=1000] [DIM=768] [CLASSES=10] [NOISE=12] [--with-sgd]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${TMPDIR:-/tmp}/nathear-probe-bench"
/usr/bin/python3 "$root/tools/bench/probe_data.py" "$data" "${1:-5000}" "${2:-1000}" "${3:-768}" "${4:-10}" 20240611 "${5:-12}"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| probe | data | fits | fit + predict | test accuracy |"
echo "|---|---|---:|---:|---:|"
OPENBLAS_NUM_THREADS=1 taskset -c 0 java -Xmx4g --add-modules jdk.incubator.vector -cp "$root/harness-runner/target/test-classes:$root/harness-runner/target/nathear/lib/*" \
  org.nathear.runner.bench.ProbeSpeedBenchmark "$data" ${6:-} 2>/dev/null
taskset -c 0 /usr/bin/python3 "$root/tools/bench/probe_sklearn.py" "$data" 1
/usr/bin/python3 "$root/tools/bench/probe_sklearn.py" "$data" 2
