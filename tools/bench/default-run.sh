#!/usr/bin/env bash
# The default `nathear run` (built-in demo suite: mono, Nat-HEAR binaural/FOA and localization tasks,
# every available model), timed twice back to back on fresh data and cache folders:
#   run 1, first use: generating the mono tasks, rendering the Nat-HEAR scenes, extracting, probing;
#   run 2, warm: the same command again (data generated, embeddings cached).
# Targets (issue 11 item 5, 2 cores): run 1 <= 6 min, run 2 <= 2 min.
#
# Builds nothing: build the distribution first, from the repository root:
#   mvn -B -q -DskipTests package
# then:
#   tools/bench/default-run.sh [extra nathear run options, e.g. --models hear-naive]
#   KEEP=1 tools/bench/default-run.sh     keeps the work folder (data, cache, results, logs)
# Prints wall, user and system CPU seconds of each run with the load average before and after
# (the machine may be shared: CPU seconds say what the run costs, wall what it took here), and
# the per-model extraction and probe seconds from each run's results.json.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NATHEAR="$ROOT/harness-runner/target/nathear/bin/nathear"
if [[ ! -x "$NATHEAR" ]]; then
  echo "the distribution is not built; run: mvn -B -q -DskipTests package" >&2
  exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nathear-default-run-XXXXXX")
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORK"' EXIT; fi   # KEEP=1 keeps data, cache and results
export NATHEAR_DATA_DIR="$WORK/data" NATHEAR_CACHE_DIR="$WORK/cache"
echo "cores: $(nproc); data and cache in $WORK (fresh)"
TIMEFORMAT='wall %R s, user %U s, sys %S s'
for run in 1 2; do
  label=$([[ $run == 1 ]] && echo "first use (generation + rendering + extraction + probes)" || echo "warm (cached)")
  echo "== run $run: $label"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  status=0
  time "$NATHEAR" run --quiet --output "$WORK/results-$run" "$@" > "$WORK/run-$run.log" 2>&1 || status=$?
  if (( status > 1 )); then  # 1 = some cell failed: still timed, listed below
    echo "run $run exited with $status; its log:" >&2; tail -40 "$WORK/run-$run.log" >&2; exit 1
  fi
  echo "exit code $status"
  echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 - "$WORK/results-$run" <<'PY'
import json, pathlib, sys
from collections import defaultdict
files = list(pathlib.Path(sys.argv[1]).glob("*/results.json"))
cells = json.loads(files[0].read_text())["cells"]
per = defaultdict(lambda: [0.0, 0.0, 0, 0, 0])
for c in cells:
    t = c.get("timings") or {}
    p = per[c["modelId"]]
    p[0] += t.get("extractionSeconds", 0); p[1] += t.get("probeSeconds", 0)
    p[2] += t.get("clipsEmbedded", 0); p[3] += t.get("clipsFromCache", 0); p[4] += 1
print(f"  {len(cells)} cells, {len({c['taskId'] for c in cells})} tasks; statuses: "
      + ", ".join(f"{s} {n}" for s, n in sorted(
          {s: sum(1 for c in cells if c['status'] == s) for s in {c['status'] for c in cells}}.items())))
print(f"  {'model':<20} {'extract s':>9} {'probe s':>8} {'embedded':>8} {'cached':>7}")
for m, (e, p, n, k, _) in sorted(per.items()):
    print(f"  {m:<20} {e:9.1f} {p:8.1f} {n:8d} {k:7d}")
PY
done
du -sh "$WORK/data" "$WORK/cache" | sed 's/^/  size: /'
