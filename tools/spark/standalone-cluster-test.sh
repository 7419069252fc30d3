#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, on loopback only: a master and two workers as
# separate JVMs started from Spark's own classes, then
#   1. a reference run with `nathear run` (this JVM, no Spark),
#   2. the same run submitted to the cluster: identical cells (scores, intervals) and hear-eval-kit files,
#   3. the same run with a cold cache, one worker (and its executor) killed in the middle of extraction:
#      Spark re-runs the lost tasks, the results are again identical,
#   4. that run submitted again: every embedding comes from the cache (0 clips embedded),
# then stops the cluster. Needs the Spark build: mvn -B -Pspark -DskipTests package
#
# Environment: TASKS (comma-separated ids, default two real-mini tasks), MODELS (default hear-naive),
# TASKS_DIR (default ../shared/data/real-mini/tasks), WORK (kept when given; else a temporary folder),
# WORKER_MEMORY (default 2g per worker and executor).
#
# MODE=throughput instead measures cold extraction throughput with one worker, then with two
# (docs/spark.md, "Measured"). REUSE_REFERENCE=1 with a kept WORK skips the reference run when it exists.
set -euo pipefail
# the reference run below starts java itself: give it the launchers' single-threaded probe BLAS
# (bin/nathear and bin/nathear-spark export the same; the sums of a BLAS depend on its thread count)
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist="$root/harness-spark/target/nathear-spark"
if [ ! -x "$dist/bin/nathear-spark" ]; then
  echo "standalone-cluster-test: $dist is missing; build it with: mvn -B -Pspark -DskipTests package" >&2
  exit 2
fi
TASKS="${TASKS:-real-drums-v1-full,real-sfx-v1-full}"
MODELS="${MODELS:-hear-naive}"
TASKS_DIR="${TASKS_DIR:-$root/../shared/data/real-mini/tasks}"
WORKER_MEMORY="${WORKER_MEMORY:-2g}"
MODE="${MODE:-test}"
if [ ! -d "$TASKS_DIR" ]; then
  echo "standalone-cluster-test: tasks folder $TASKS_DIR is missing" >&2
  exit 2
fi
if [ -n "${WORK:-}" ]; then
  keep=1
  mkdir -p "$WORK"
else
  keep=0
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/nathear-spark-cluster.XXXXXX")"
fi
export SPARK_HOME="$dist/spark" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
export OMP_WAIT_POLICY=PASSIVE
cp="$dist/lib/*:$dist/spark/jars/*"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

pids=()
stop_all() {
  for pid in "${pids[@]}"; do
    for child in $(pgrep -P "$pid" 2>/dev/null || true); do kill "$child" 2>/dev/null || true; done
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
finish() {
  local rc=$?
  stop_all
  if [ "$keep" = 0 ] && [ "$rc" = 0 ]; then
    rm -rf "$WORK"
  else
    echo "standalone-cluster-test: logs and runs kept in $WORK" >&2
  fi
}
trap finish EXIT

master_port="$(free_port)"
master_url="spark://127.0.0.1:$master_port"
start_master() {
  # shellcheck disable=SC2086
  java -Xmx512m $opens -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
    --webui-port "$(free_port)" > "$WORK/master.log" 2>&1 &
  pids+=($!)
  master_pid=$!
}
# start_worker N: a worker with one core and WORKER_MEMORY; its pid in worker_pid[N]
declare -A worker_pid
start_worker() {
  mkdir -p "$WORK/worker-$1"
  # shellcheck disable=SC2086
  java -Xmx512m $opens -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$cp" org.apache.spark.deploy.worker.Worker "$master_url" --host 127.0.0.1 \
    --cores 1 --memory "$WORKER_MEMORY" --work-dir "$WORK/worker-$1" --webui-port "$(free_port)" \
    > "$WORK/worker-$1.log" 2>&1 &
  pids+=($!)
  worker_pid[$1]=$!
}
wait_workers() { # wait_workers COUNT
  for _ in $(seq 1 120); do
    local registered
    registered="$(grep -c 'Registering worker' "$WORK/master.log" 2>/dev/null || true)"
    if [ "${registered:-0}" -ge "$1" ]; then return 0; fi
    sleep 1
  done
  echo "standalone-cluster-test: $1 worker(s) did not register within 120 s; logs in $WORK" >&2
  tail -20 "$WORK/master.log" >&2
  return 1
}

# submit NAME CACHE [extra nathear-spark options]: the job's run folder is $WORK/NAME/<run id>; the job
# takes $cores_max cores (one per live worker) and starts its first stage once they have all registered
cores_max=2
submit() {
  local name="$1" cache="$2"
  shift 2
  "$dist/bin/nathear-spark" run --master "$master_url" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.memory="$WORKER_MEMORY" --conf spark.executor.cores=1 \
    --conf spark.cores.max="$cores_max" --conf spark.scheduler.minRegisteredResourcesRatio=1.0 \
    --conf spark.scheduler.maxRegisteredResourcesWaitingTime=180s \
    --conf "spark.executor.extraClassPath=$dist/lib/*" \
    --tasks-dir "$TASKS_DIR" --data-dir "$WORK/data" --models "$MODELS" --tasks "$TASKS" --seed 42 \
    --output "$WORK/$name" --cache-dir "$cache" "$@" > "$WORK/$name.log" 2>&1
}
run_dir() { find "$WORK/$1" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -1; }

# compare A B: cells of results.json equal but for timings (and the guard's call counter in messages),
# hear-eval-kit files equal byte for byte but for time_in_min
compare() {
  python3 "$root/tools/spark/compare_runs.py" "$1" "$2"
}
job_field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[sys.argv[2]])' "$1/spark-job.json" "$2"; }

if [ "$MODE" = throughput ]; then
  start_master
  start_worker 1
  wait_workers 1
  echo "== throughput, one worker (cold cache)"
  cores_max=1
  submit one-worker "$WORK/cache-one" --quiet --extract-only || true
  stop_all
  start_master
  start_worker 1
  start_worker 2
  wait_workers 2
  echo "== throughput, two workers (cold cache)"
  cores_max=2
  submit two-workers "$WORK/cache-two" --quiet --extract-only || true
  for name in one-worker two-workers; do
    d="$(run_dir "$name")"
    python3 - "$d/spark-job.json" "$name" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
units = d["extractionUnits"]
busy = sum(u["seconds"] for u in units)
n = d["clipsEmbedded"]
print("%s: %d clips embedded in %.1f s extraction stage (%.1f clips/s); executor busy %.1f s (%.1f ms/clip); "
      "%d tasks; merge %.2f s; cell stage %.1f s" % (sys.argv[2], n, d["extractionStageSeconds"],
      n / d["extractionStageSeconds"], busy, 1000 * busy / max(n, 1), len(units), d["mergeSeconds"], d["cellStageSeconds"]))
PY
  done
  exit 0
fi

echo "== reference: nathear run (no Spark)"
if [ -n "${REUSE_REFERENCE:-}" ] && [ -f "$(run_dir local 2>/dev/null)/results.json" ]; then
  echo "  reusing $(run_dir local)"
else
# shellcheck disable=SC2086
java -Xmx2g -cp "$dist/lib/*" org.nathear.runner.cli.NathearCli run --quiet --tasks-dir "$TASKS_DIR" \
  --data-dir "$WORK/data" --models "$MODELS" --tasks "$TASKS" --seed 42 --output "$WORK/local" \
  --cache-dir "$WORK/cache-local" > "$WORK/local.log" 2>&1 || echo "  (nathear run exited with $?)"
fi
local_dir="$(run_dir local)"

start_master
start_worker 1
start_worker 2
wait_workers 2
echo "== cluster: master $master_url, 2 workers (1 core, $WORKER_MEMORY each)"

echo "== 1. the same run on the cluster"
submit cluster "$WORK/cache-cluster" || echo "  (nathear-spark exited with $?)"
compare "$local_dir" "$(run_dir cluster)"

echo "== 2. a worker killed during extraction (cold cache)"
submit killed "$WORK/cache-killed" --calls-per-task 1 &
job=$!
pids+=("$job")
for _ in $(seq 1 600); do
  if grep -q "extraction task(s)" "$WORK/killed.log" 2>/dev/null; then break; fi
  sleep 0.5
done
# wait until extraction is under way (the first shards of the cache appear), then kill worker 2 and its
# executor JVM
for _ in $(seq 1 600); do
  shards="$(find "$WORK/cache-killed/.spark-shards" -mindepth 2 -maxdepth 2 -type d 2>/dev/null | wc -l || true)"
  if [ "${shards:-0}" -ge 2 ]; then break; fi
  sleep 0.5
done
sleep "${KILL_AFTER:-2}"
executor_pids="$(pgrep -P "${worker_pid[2]}" 2>/dev/null || true)"
echo "  killing worker 2 (pid ${worker_pid[2]}) and its executor(s) ($executor_pids)"
kill -9 "${worker_pid[2]}" $executor_pids 2>/dev/null || true
wait "${worker_pid[2]}" 2>/dev/null || true # (reaps it, and keeps the shell's "Killed" notice out of the log)
wait "$job" || echo "  (nathear-spark exited with $?)"
killed_dir="$(run_dir killed)"
python3 - "$killed_dir/spark-job.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
units = d["extractionUnits"]
retried = [u for u in units if u["attempt"] > 0]
by = {}
for u in units:
    by[u["executor"]] = by.get(u["executor"], 0) + 1
print("  %d extraction tasks, finished per executor %s; %d finished in a retry (attempt > 0): %s" % (len(units), by,
      len(retried), ", ".join("%s %s[%d:%d] on executor %s" % (u["taskId"], u["split"], u["from"], u["to"], u["executor"])
      for u in retried[:8]) + (" ..." if len(retried) > 8 else "")))
PY
grep -h "Lost executor\|lost\b\|Resubmitted\|Starting task .* (TID .*) .*attempt 1" "$WORK/killed.log" | head -5 | sed 's/^/  log: /' || true
compare "$local_dir" "$killed_dir"

echo "== 3. the killed run submitted again: every embedding from the cache"
cores_max=1 # worker 2 is gone
submit resubmitted "$WORK/cache-killed" || echo "  (nathear-spark exited with $?)"
again="$(run_dir resubmitted)"
embedded="$(job_field "$again" clipsEmbedded)"
cached="$(job_field "$again" clipsFromCache)"
echo "  clips embedded: $embedded, from cache: $cached"
compare "$local_dir" "$again"
if [ "$embedded" != 0 ]; then
  echo "standalone-cluster-test: the re-submitted job embedded $embedded clip(s); expected all from the cache" >&2
  exit 1
fi
stop_all
echo "standalone-cluster-test: passed"
