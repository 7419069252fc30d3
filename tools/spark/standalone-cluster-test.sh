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

# submit NAME CACHE [extra nathear-spark options]: the job's run folder is $WORK/NAME/<run id>
submit() {
  local name="$1" cache="$2"
  shift 2
  "$dist/bin/nathear-spark" run --master "$master_url" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.memory="$WORKER_MEMORY" --conf spark.executor.cores=1 \
    --conf "spark.executor.extraClassPath=$dist/lib/*" \
    --tasks-dir "$TASKS_DIR" --data-dir "$WORK/data" --models "$MODELS" --tasks "$TASKS" --seed 42 \
    --output "$WORK/$name" --cache-dir "$cache" "$@" > "$WORK/$name.log" 2>&1
}
run_dir() { find "$WORK/$1" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -1; }

# compare A B: cells of results.json equal but for timings (and the guard's call counter in messages),
# hear-eval-kit files equal byte for byte but for time_in_min
compare() {
  python3 - "$1" "$2" <<'PY'
import json, os, re, sys
a, b = sys.argv[1], sys.argv[2]
def cells(d):
    run = json.load(open(os.path.join(d, "results.json")), parse_constant=lambda c: c)
    out = []
    for c in run["cells"]:
        c = dict(c); c.pop("timings", None)
        c["message"] = re.sub(r" call \d+ on ", " call N on ", c["message"])
        out.append(c)
    return out
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if not k.startswith("time_in_min")}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
def files(d):
    root = os.path.join(d, "hear"); out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            out[os.path.relpath(p, root)] = p
    return out
ca, cb = cells(a), cells(b)
problems = []
if ca != cb:
    for x, y in zip(ca, cb):
        if x != y:
            problems.append("cell %s | %s differs: %s" % (x["taskId"], x["modelId"],
                            {k: (x.get(k), y.get(k)) for k in x if x.get(k) != y.get(k)}))
    if len(ca) != len(cb):
        problems.append("%d cells vs %d" % (len(ca), len(cb)))
fa, fb = files(a), files(b)
if sorted(fa) != sorted(fb):
    problems.append("hear files differ: %s" % sorted(set(fa) ^ set(fb)))
for name in sorted(set(fa) & set(fb)):
    if name.endswith("predicted-scores.json"):
        load = lambda p: strip(json.load(open(p), parse_constant=lambda c: c))
        same = load(fa[name]) == load(fb[name])
    else:
        same = open(fa[name], "rb").read() == open(fb[name], "rb").read()
    if not same:
        problems.append("hear file %s differs" % name)
scored = sum(1 for c in ca if c["status"] == "SUCCEEDED")
for c in ca:
    iv = c.get("primaryInterval") or {}
    print("  %-22s %-14s %-9s %s = %s  [%s, %s]" % (c["taskId"], c["modelId"], c["status"], c["primaryMetric"],
          c.get("primaryScore"), iv.get("low"), iv.get("high")))
if problems:
    print("DIFFERENT:\n  " + "\n  ".join(problems)); sys.exit(1)
print("identical: %d cells (%d scored), %d hear-eval-kit files" % (len(ca), scored, len(fa)))
PY
}
job_field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[sys.argv[2]])' "$1/spark-job.json" "$2"; }

if [ "$MODE" = throughput ]; then
  start_master
  start_worker 1
  wait_workers 1
  echo "== throughput, one worker (cold cache)"
  submit one-worker "$WORK/cache-one" --quiet || true
  stop_all
  start_master
  start_worker 1
  start_worker 2
  wait_workers 2
  echo "== throughput, two workers (cold cache)"
  submit two-workers "$WORK/cache-two" --quiet || true
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
for _ in $(seq 1 600); do
  grep -q "extraction task(s)" "$WORK/killed.log" 2>/dev/null && break
  sleep 0.5
done
# wait until the workers' executors have started embedding, then kill worker 2 and its executor JVM
for _ in $(seq 1 240); do
  [ -n "$(pgrep -P "${worker_pid[2]}" 2>/dev/null || true)" ] && break
  sleep 0.5
done
sleep "${KILL_AFTER:-8}"
executor_pids="$(pgrep -P "${worker_pid[2]}" 2>/dev/null || true)"
echo "  killing worker 2 (pid ${worker_pid[2]}) and its executor(s) ($executor_pids)"
kill -9 "${worker_pid[2]}" $executor_pids 2>/dev/null || true
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
echo "standalone-cluster-test: passed (logs and runs in $WORK)"
