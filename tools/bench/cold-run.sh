#!/usr/bin/env bash
# One cold default run (`nathear run`: the demo suite, every default model) with an empty embedding
# cache, under /usr/bin/time -v: prints the extraction phase summed over the cells
# (timings.extractionSeconds in results.json), the run's audio line (clips decoded and resampled by
# the tasks, clips read back from the run's shared audio store), wall time, CPU time and peak RSS.
# Compare two builds (e.g. before and after a change to the audio path) by running it once per build
# with the same WORK_DIR/data.
#
# Builds nothing: run the README's build first, from the repository root:
#   mvn -B -q -DskipTests package
# then:
#   tools/bench/cold-run.sh [WORK_DIR] [NATHEAR_DIST]
# WORK_DIR (default: a new temporary folder) receives data/ (generated before the timed run, kept
# between calls), cache/ and out/; NATHEAR_DIST (default: this checkout's build) is the folder
# holding bin/nathear.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST=${2:-$ROOT/harness-runner/target/nathear}
BIN="$DIST/bin/nathear"
if [[ ! -x "$BIN" ]]; then
  echo "the CLI is not built; run from $ROOT: mvn -B -q -DskipTests package" >&2
  exit 1
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "/usr/bin/time is missing (Debian: apt-get install -y time)" >&2
  exit 1
fi
WORK=${1:-$(mktemp -d "${TMPDIR:-/tmp}/nathear-cold-run.XXXXXX")}
mkdir -p "$WORK"
export NATHEAR_DATA_DIR="$WORK/data"
export NATHEAR_CACHE_DIR="$WORK/cache"
rm -rf "$WORK/cache" "$WORK/out" "$WORK/gen"

# generate the demo suite's data (untimed; one quick model over every task, no cache written)
"$BIN" run --quiet --no-cache --models hear-naive --output "$WORK/gen" >/dev/null 2>&1 || true
rm -rf "$WORK/gen" "$WORK/cache"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
/usr/bin/time -v "$BIN" run --output "$WORK/out" >"$WORK/run.log" 2>"$WORK/time.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "^audio: " "$WORK/run.log" "$WORK/time.log" || true
grep -E "Elapsed \(wall|User time|System time|Maximum resident" "$WORK/time.log"

python3 - "$WORK" <<'PY'
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
r = json.loads(sorted((work / "out").glob("**/results.json"))[-1].read_text())
cells = [c for c in r["cells"] if c.get("timings")]
by_model = {}
for c in cells:
    by_model[c["modelId"]] = by_model.get(c["modelId"], 0.0) + c["timings"]["extractionSeconds"]
for m in sorted(by_model):
    print(f"extraction phase {m:<20} {by_model[m]:8.1f} s")
print(f"extraction phase, all {len(cells)} scored cells: {sum(by_model.values()):.1f} s")
PY
