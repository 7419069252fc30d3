#!/usr/bin/env bash
# TUT REAL localization with both direction targets: the simulated fixture in TUT Sound Events 2018
# REAL's published layout (TutRealFixture: 24 train + 8 test recordings of 30 s, 10 events each, FOA
# at 48 kHz), made into a task by `nathear tut-real`, then scored by HEAR-Naive, Spatial-Naive and
# gram-ambisonics with the task's [azimuth, elevation] target and with --doa-target unit-vector,
# for the linear and the MLP probe. Prints one table per probe from the results.json files.
#
# Builds nothing: run the build first, from the repository root:
#   mvn -B -q -DskipTests package
# then:
#   tools/tut-real/targets.sh [WORK_DIR=/tmp/nathear-tut-real] [PROBES="linear mlp"]
# Simulated audio, not the real recordings: the numbers test the pipeline, not the models.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NATHEAR="$ROOT/harness-runner/target/nathear/bin/nathear"
if [[ ! -x "$NATHEAR" ]]; then
  echo "the CLI is not built; run: mvn -B -q -DskipTests package" >&2
  exit 1
fi
WORK=${1:-/tmp/nathear-tut-real}
PROBES=${2:-linear mlp}
MODELS=hear-naive,spatial-naive,gram-ambisonics
TASK=tut2018-real-ov1-split1-v1-full
mkdir -p "$WORK"
export NATHEAR_CACHE_DIR="$WORK/cache" NATHEAR_DATA_DIR="$WORK/data"
if [[ ! -d "$WORK/tasks/$TASK" ]]; then
  rm -rf "$WORK/tut" "$WORK/tasks"
  cat > "$WORK/MakeFixture.java" <<'JAVA'
public class MakeFixture {
    public static void main(String[] args) {
        org.nathear.tasks.tut.TutRealFixture.write(java.nio.file.Path.of(args[0]), 2018, 24, 8, 30.0, 10);
    }
}
JAVA
  java -cp "$ROOT/harness-runner/target/nathear/lib/*" "$WORK/MakeFixture.java" "$WORK/tut"
  "$NATHEAR" tut-real --in "$WORK/tut" --out "$WORK/tasks"
fi
for probe in $PROBES; do
  for target in az-el unit-vector; do
    out="$WORK/results/$probe-$target"
    if [[ ! -d "$out" ]]; then
      "$NATHEAR" run --tasks-dir "$WORK/tasks" --tasks "$TASK" --models "$MODELS" --probe "$probe" \
        --doa-target "$target" --output "$out" --quiet > /dev/null
    fi
  done
done
python3 - "$WORK/results" <<'PY'
import glob, json, os, sys
root = sys.argv[1]
print("| probe | target | model | DoA mean (deg) | DoA median | acc 20 deg | azimuth error | elevation error |")
print("|---|---|---|---:|---:|---:|---:|---:|")
for folder in sorted(glob.glob(os.path.join(root, "*"))):
    for f in sorted(glob.glob(os.path.join(folder, "*", "results.json"))):
        run = json.load(open(f))
        for c in run["cells"]:
            m = {k: v["mean"] for k, v in c["metrics"].items()}
            probe, target = os.path.basename(folder).split("-", 1)
            print(f"| {probe} ({c['probe']['name']}) | {target} | {c['modelId']} | {m['doa_error_mean_deg']:.1f} | "
                  f"{m['doa_error_median_deg']:.1f} | {m['doa_acc_20deg']:.3f} | {m['azimuth_error_mean_deg']:.1f} | "
                  f"{m['elevation_error_mean_deg']:.1f} |")
PY
