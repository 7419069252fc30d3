#!/usr/bin/env bash
# Cold vs warm embedding extraction on the default demo suite (`nathear run` with no arguments).
#
# Runs the default suite twice with the same, initially empty, embedding cache and prints the
# extraction phase of every cell (timings.extractionSeconds in results.json) and its sum for both
# runs. The demo data is generated before the first run (untimed), so both runs read the same files.
#
# Builds nothing: run the README's build first, from the repository root:
#   mvn -B -q -DskipTests package
# then:
#   tools/bench/warm-cache.sh [WORK_DIR]
# WORK_DIR (default: a new temporary folder) receives data/, cache/, cold/ and warm/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$ROOT/harness-runner/target/nathear/bin/nathear"
if [[ ! -x "$BIN" ]]; then
  echo "the CLI is not built; run from $ROOT: mvn -B -q -DskipTests package" >&2
  exit 1
fi
WORK=${1:-$(mktemp -d "${TMPDIR:-/tmp}/nathear-warm-cache.XXXXXX")}
mkdir -p "$WORK"
export NATHEAR_DATA_DIR="$WORK/data"
export NATHEAR_CACHE_DIR="$WORK/cache"
rm -rf "$WORK/cache" "$WORK/cold" "$WORK/warm"

# generate the demo suite's data (untimed): a run with no cache writes nothing to the cache
"$BIN" run --no-cache --tasks demo-tones --output "$WORK/gen" >/dev/null 2>&1 || true

run() {
  local name=$1
  local start end
  start=$(date +%s.%N)
  "$BIN" run --output "$WORK/$name" >"$WORK/$name.log" 2>&1
  end=$(date +%s.%N)
  echo "$name wall: $(python3 -c "print(round($end - $start, 1))") s"
}
run cold
run warm

python3 - "$WORK" <<'EOF'
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
def load(name):
    files = sorted((work / name).glob("**/results.json"))
    return json.loads(files[-1].read_text())
cold, warm = load("cold"), load("warm")
def cells(r):
    return {(c["modelId"], c["taskId"]): c for c in r["cells"] if c.get("timings")}
c, w = cells(cold), cells(warm)
print(f"{'model':<16} {'task':<22} {'clips':>6} {'cold s':>8} {'warm s':>8} {'from cache':>10}")
tc = tw = 0.0
for k in sorted(c):
    a, b = c[k]["timings"], w.get(k, {}).get("timings")
    if b is None:
        continue
    clips = a["clipsEmbedded"] + a["clipsFromCache"]
    tc += a["extractionSeconds"]; tw += b["extractionSeconds"]
    print(f"{k[0]:<16} {k[1]:<22} {clips:>6} {a['extractionSeconds']:>8.2f} {b['extractionSeconds']:>8.3f} {b['clipsFromCache']:>10}")
    if c[k].get("metrics") != w[k].get("metrics"):
        print(f"  WARNING: scores differ between cold and warm for {k}")
print(f"extraction phase, all cells: cold {tc:.2f} s, warm {tw:.2f} s, speed-up {tc / max(tw, 1e-9):.1f}x")
EOF
