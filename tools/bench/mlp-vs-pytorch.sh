#!/bin/bash
# MLP probe speed: nathear's MLP (MlpSpeedBenchmark, netlib BLAS) against the same network in PyTorch
# (tools/bench/mlp_pytorch.py, Debian's python3-torch) on the same seeded data, epochs and batch size,
# pinned to one core and then to two (taskset; nathear's probe threads -Dnathear.probe.threads and
# torch.set_num_threads follow; nathear's OpenBLAS stays single-threaded, as bin/nathear runs it).
# Build first (no install needed):
#   mvn -B -q -DskipTests package
# Usage: tools/bench/mlp-vs-pytorch.sh [TRAIN=5000] [TEST=1000] [DIM=768] [CLASSES=10] [EPOCHS=20]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${TMPDIR:-/tmp}/nathear-mlp-bench"
epochs="${5:-20}"
/usr/bin/python3 "$root/tools/bench/probe_data.py" "$data" "${1:-5000}" "${2:-1000}" "${3:-768}" "${4:-10}"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| implementation | data | epochs | fit + predict | test accuracy |"
echo "|---|---|---:|---:|---:|"
for cpus in 0 0,1; do
  threads=$(( $(echo "$cpus" | tr -cd ',' | wc -c) + 1 ))
  # process CPU time (all threads; steadier than wall time on a loaded machine) goes to stderr
  OPENBLAS_NUM_THREADS=1 taskset -c "$cpus" /usr/bin/time -f "  nathear process, $threads CPU(s): %U s user + %S s sys, %e s wall (JVM start, warm-up epoch, 2 fits)" java -Xmx4g --add-modules jdk.incubator.vector -Dnathear.probe.threads="$threads" \
    -cp "$root/harness-runner/target/test-classes:$root/harness-runner/target/nathear/lib/*" \
    org.nathear.runner.bench.MlpSpeedBenchmark "$data" "$epochs" 2> >(grep -v 'incubator' >&2)
  taskset -c "$cpus" /usr/bin/time -f "  pytorch process, $threads CPU(s): %U s user + %S s sys, %e s wall (import, 2 fits)" /usr/bin/python3 "$root/tools/bench/mlp_pytorch.py" "$data" "$threads" "$epochs"
done
