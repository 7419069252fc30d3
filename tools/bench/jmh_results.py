#!/usr/bin/python3
"""Turns a JMH run of nathear's benchmarks module (-rf json) into the RESULT lines the tools/bench
scripts compare with their Python counterparts. Every number comes from the JSON's raw per-iteration
times (SingleShotTime, ms) and from the CHECK lines the benchmarks print after their runs.

Usage: jmh_results.py KIND JMH.json JMH.log [ARGS...]
  logmel       JSON LOG SECONDS     -> RESULT java-jtransforms-double SECONDS FRAMES MEDIAN MIN MEAN MEAN_LOGMEL
  convolution  JSON LOG CORES       -> RESULT<TAB>java-fftconvolver<TAB>CASE<TAB>SECONDS<TAB>MEDIAN<TAB>MIN<TAB>SUM
  bootstrap    JSON LOG             -> the Markdown table of docs/performance.md
"""
import json
import re
import statistics
import sys


def runs(path):
    """(benchmark method, params, sorted raw ms per iteration) for each JMH result."""
    for r in json.load(open(path)):
        raw = sorted(v for fork in r["primaryMetric"]["rawData"] for v in fork)
        if r["primaryMetric"]["scoreUnit"] != "ms/op":
            sys.exit(f"{path}: expected ms/op, got {r['primaryMetric']['scoreUnit']}")
        yield r["benchmark"].rsplit(".", 1)[1], r.get("params", {}), raw


def checks(path):
    return [m.group(0).split() for m in re.finditer(r"CHECK \S+( \S+)+", open(path).read())]


def median(raw):
    return raw[len(raw) // 2] if len(raw) % 2 else (raw[len(raw) // 2 - 1] + raw[len(raw) // 2]) / 2


def logmel(json_path, log_path, seconds):
    check = [c for c in checks(log_path) if c[1] == "logmel"][-1]
    for _, _, raw in runs(json_path):
        print("RESULT java-jtransforms-double %.1f %s %.2f %.2f %.2f %s"
              % (float(seconds), check[2], median(raw), raw[0], statistics.fmean(raw), check[3]))


CASES = {
    "mono-omni": ("mono 10 s x 1 s RIR, 1 channel, full", 10.0),
    "mono-foa": ("mono 10 s x 1 s RIR, 4 channels (FOA), full", 10.0),
    "batch-1": ("32 clips x 5 s x 1 s binaural RIR, 1 thread", 160.0),
    "batch-cores": ("32 clips x 5 s x 1 s binaural RIR, {cores} threads", 160.0),
}


def convolution(json_path, log_path, cores):
    sums = {(c[2], c[3]): c[4] for c in checks(log_path) if c[1] == "convolution"}
    for _, params, raw in runs(json_path):
        name, seconds = CASES[params["job"]]
        name = name.format(cores=cores)
        if params["fftThreads"] == "0":
            name += f" [JTransforms {cores} threads]"
        print(f"RESULT\tjava-fftconvolver\t{name}\t{seconds:.1f}\t{median(raw):.2f}\t{raw[0]:.2f}\t"
              f"{sums[(params['job'], params['fftThreads'])]}")


def bootstrap(json_path, _log_path):
    by = {}
    for method, params, raw in runs(json_path):
        by[(params["size"], method)] = (median(raw), int(params["referenceResamples"]))
    print("| case | metric | resamples | counts (ResampledSceneMetric) | reference (expanded rows + SceneMetrics) | speed-up |")
    print("|---|---|---:|---:|---:|---:|")
    names = {"esc50": ("ESC-50-sized: 5 folds x 400 clips, 50 classes", "top1_acc"),
             "fsd50k": ("FSD50K-sized: 1 fold x 10000 clips, 200 classes", "mAP")}
    for size, (name, metric) in names.items():
        if (size, "counts") not in by or (size, "expandedRows") not in by:
            continue
        counts_s = by[(size, "counts")][0] / 1000
        ref_ms, ref_n = by[(size, "expandedRows")]
        per = ref_ms / 1000 / ref_n
        print(f"| {name} | {metric} | 1000 | {counts_s:.2f} s | {per * 1000:.1f} s ({per:.3f} s per resample x 1000, "
              f"timed on {ref_n}) | {per * 1000 / counts_s:.0f}x |")


if __name__ == "__main__":
    kind, args = sys.argv[1], sys.argv[2:]
    {"logmel": logmel, "convolution": convolution, "bootstrap": bootstrap}[kind](*args)
