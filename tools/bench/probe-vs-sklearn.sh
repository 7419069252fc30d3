#!/bin/bash
# Probe speed: nathear's probes (ProbeSpeedBenchmark) against scikit-learn's LogisticRegression on the
# same seeded problem, one after the other on this machine. Build first:
#   mvn -o -q -DskipTests package
# Usage: tools/bench/probe-vs-sklearn.sh [TRAIN=16000] [TEST=4890] [DIM=1024] [CLASSES=12]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${TMPDIR:-/tmp}/nathear-probe-bench"
/usr/bin/python3 "$root/tools/bench/probe_data.py" "$data" "${1:-16000}" "${2:-4890}" "${3:-1024}" "${4:-12}"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| probe | data | grid points | fit + predict | test accuracy |"
echo "|---|---|---:|---:|---:|"
java -Xmx4g -cp "$root/harness-runner/target/test-classes:$root/harness-runner/target/nathear/lib/*" \
  org.nathear.runner.bench.ProbeSpeedBenchmark "$data"
/usr/bin/python3 "$root/tools/bench/probe_sklearn.py" "$data" 1
/usr/bin/python3 "$root/tools/bench/probe_sklearn.py" "$data" 2
