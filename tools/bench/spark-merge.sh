#!/usr/bin/env bash
# Does the Spark driver's shard merge matter? Runs the extraction stage of `nathear-spark run`
# (--extract-only, cold cache, local[N]) twice on the same tasks: once with the driver merging the
# split files one after another (-Dnathear.spark.mergeThreads=1, the behaviour before it merged them
# side by side), once with the default (one thread per driver core). Prints, from each job's
# spark-job.json, the extraction stage seconds, the merge seconds and threads, and the merge's share.
#
# Builds nothing: build the Spark distribution first, from the repository root:
#   mvn -B -q -Pspark -DskipTests package
# then:
#   tools/bench/spark-merge.sh
# Environment: TASKS (comma-separated ids; default the six real-mini tasks but the event one), MODELS
# (default hear-naive), TASKS_DIR (default ../shared/data/real-mini/tasks), MASTER (default local[2]),
# CALLS_PER_TASK (default 1: many small shards, the merge's worst case), KEEP=1 keeps the work folder.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SPARK="$ROOT/harness-spark/target/nathear-spark/bin/nathear-spark"
if [[ ! -x "$SPARK" ]]; then
  echo "the Spark distribution is not built; run: mvn -B -q -Pspark -DskipTests package" >&2
  exit 1
fi
TASKS="${TASKS:-real-digits-v1-full,real-drums-v1-full,real-langid-v1-full,real-pitch-v1-full,real-sfx-v1-full}"
MODELS="${MODELS:-hear-naive}"
TASKS_DIR="${TASKS_DIR:-$ROOT/../shared/data/real-mini/tasks}"
MASTER="${MASTER:-local[2]}"
CALLS_PER_TASK="${CALLS_PER_TASK:-1}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nathear-spark-merge-XXXXXX")
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORK"' EXIT; fi
echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg); tasks: $TASKS; models: $MODELS; master: $MASTER"
for mode in serial parallel; do
  threads=$([[ $mode == serial ]] && echo "-Dnathear.spark.mergeThreads=1" || echo "")
  JAVA_OPTS="-Xmx2g $threads" "$SPARK" run --master "$MASTER" --extract-only --calls-per-task "$CALLS_PER_TASK" \
    --tasks-dir "$TASKS_DIR" --tasks "$TASKS" --models "$MODELS" --seed 42 \
    --data-dir "$WORK/data" --cache-dir "$WORK/cache-$mode" --output "$WORK/out-$mode" > "$WORK/$mode.log" 2>&1 \
    || { echo "the $mode job failed; its log: $WORK/$mode.log" >&2; KEEP=1; trap - EXIT; exit 1; }
  python3 - "$mode" "$WORK/out-$mode" <<'EOF'
import glob, json, sys
mode, out = sys.argv[1], sys.argv[2]
job = json.load(open(glob.glob(out + "/*/spark-job.json")[0]))
ext, merge = job["extractionStageSeconds"], job["mergeSeconds"]
shards = sum(1 for u in job["extractionUnits"] if u["embedded"] > 0)
files = len({(u["modelId"], u["taskId"], u["split"]) for u in job["extractionUnits"]})
print(f"{mode:8s}: {job['clipsEmbedded']} clips, {shards} shards into {files} split files; extraction stage {ext:.1f} s, "
      f"merge {merge:.2f} s on {job['mergeThreads']} thread(s) = {100 * merge / (ext + merge):.1f} % of the stage, "
      f"{1000 * merge / max(1, job['clipsEmbedded']):.2f} ms per clip")
EOF
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
