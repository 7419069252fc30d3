#!/usr/bin/env python3
"""Projects the wall time of the paper's full benchmark: the 11 HEAR tasks x 3 formats (mono,
binaural, FOA) for HEAR-Naive and GRAM-base, on this build machine (2 shared cores) and on one GPU
node (one GPU, 16 cores), from per-clip and per-row costs.

Every constant below says where it comes from: MEASURED (a section of docs/performance.md, or the
cold run of tools/bench/warm-cache.sh given as argument) or ASSUMED (stated, with the formula, so a
measured value can replace it: see the command-line options).

  python3 tools/bench/projection.py [COLD_RESULTS_JSON] [--cpu-gflops 100] [--gpu-tflops 100]
                                    [--gpu-mlp-tflops 20] [--mlp-epochs 100]

COLD_RESULTS_JSON (e.g. /tmp/x/cold/<run>/results.json from tools/bench/warm-cache.sh) recomputes
the harness audio cost from hear-naive's cold extraction on the demo suite (1 s clips).
"""
import argparse
import json
import math
import sys

# --- the 11 HEAR tasks of the paper (tasks' HearCatalogue; clip counts and durations from
#     ../shared/reference/hear-eval-kit-protocol.md section 5). FSD50K has variable-length clips:
#     108.3 h over 51,185 clips (the FSD50K paper's total) gives a mean of 7.6 s.
#     train_fraction: rows the probe trains on per rotation (k-fold: k-2 of k folds; SC-5 and NS:
#     16,000 s of training audio; FSD50K: the dev train list, 36,784 clips).
TASKS = [
    # abbr,   clips, seconds, classes, kind,    folds, train_fraction
    ("DCASE",    72, 120.0,  11, "event", 1, 0.60),
    ("FSD50K", 51185,  7.6, 200, "scene", 1, 36784 / 51185),
    ("LC",     5720,   5.0,  11, "scene", 5, 0.60),
    ("ESC-50", 2000,   5.0,  50, "scene", 5, 0.60),
    ("CD",     7438,   5.0,   6, "scene", 5, 0.60),
    ("VL",      972,  18.64, 10, "scene", 5, 0.60),
    ("SC-5",  22890,   1.0,  12, "scene", 1, 16000 / 22890),
    ("NS",     5000,   4.0,  88, "scene", 1, 4000 / 5000),
    ("BO",      236,   4.77,  4, "scene", 5, 0.60),
    ("Mri-S",  6977,   0.81, 10, "scene", 5, 0.60),
    ("Mri-T",  6977,   0.81,  6, "scene", 5, 0.60),
]
FORMATS = {"mono": 1, "binaural": 2, "foa": 4}  # channels decoded per clip

# --- harness audio path (decode, resample, channel adapter, source hash, cache write), per second
#     of audio and channel, on the 2 build cores. MEASURED: hear-naive's cold extraction of the
#     default demo suite (warm-cache.sh, docs/performance.md "Embedding cache: cold and warm"):
#     21.79 s for 1078 one-second mono clips. It includes HEAR-Naive's own scene embedding
#     (0.1 ms per second of audio), negligible here.
HARNESS_S_PER_AUDIO_S = 21.79 / 1078
# --- HEAR-Naive, one thread. MEASURED (docs/performance.md "HEAR-Naive baseline"):
NAIVE_SCENE_S_PER_AUDIO_S = 0.0108 / 100
NAIVE_TIMESTAMP_S_PER_AUDIO_S = 0.249 / 100
NAIVE_DIM, NAIVE_FPS = 4096, 20          # scene size; timestamp frames per second (50 ms hop)
# --- GRAM-base (ViT-B encoder: width 768, 12 layers; 2 s chunks of 200 patches + CLS). Forward
#     FLOPs per chunk = 2 x params x tokens + attention = 2 x 85.0e6 x 201 + 4 x 201^2 x 768 x 12
#     (COMPUTED from the architecture; the time per FLOP is ASSUMED, see --cpu-gflops/--gpu-tflops).
GRAM_PARAMS = 12 * 12 * 768 ** 2
GRAM_TOKENS = 201
GRAM_FLOP_PER_CHUNK = 2 * GRAM_PARAMS * GRAM_TOKENS + 4 * GRAM_TOKENS ** 2 * 768 * 12
GRAM_DIM, GRAM_FPS = 8 * 768, 12.5       # scene size (8 frequency patches x 768); 80 ms token hop
# --- linear probe (L-BFGS l2 path, 13 points with warm starts, chosen on valid; each later rotation
#     refits the chosen point once). MEASURED on one core, quiet machine (docs/performance.md "Linear
#     probe against scikit-learn"): the whole path 1.37 s, one fit 0.24 s, on 5,000 rows x 768 dims x
#     10 classes -> seconds per row x dim x class (L-BFGS iterations vary with the problem: a rough scale)
LINEAR_PATH_S_PER_UNIT = 1.37 / (5000 * 768 * 10)
LINEAR_FIT_S_PER_UNIT = 0.24 / (5000 * 768 * 10)
# --- MLP probe (HEAR's: 1024 hidden, 8 grid points, Adam, early stopping). MEASURED on the quiet
#     2-core machine (docs/performance.md "--probe mlp on the six real-mini tasks"): the real-events
#     grid, 5,614 rows x 4096 dims x 11 classes, 294 epochs of the 1-layer points in 217.2 s and 318
#     epochs of the 2-layer points in 335.1 s, validation included = FLOPs (as mlp_flop counts them)
#     per second:
def mlp_flop(rows, dim, classes, epochs, layers):
    per_row = 6 * (dim * 1024 + (layers - 1) * 1024 * 1024 + 1024 * classes)
    return per_row * rows * epochs


MLP_FLOP_MEASURED = mlp_flop(5614, 4096, 11, 294, 1) + mlp_flop(5614, 4096, 11, 318, 2)
MLP_CPU_FLOPS = MLP_FLOP_MEASURED / (217.2 + 335.1)


def project(args, harness_s):
    gpu_cores_speedup = 16 / 2  # the GPU node's 16 cores vs the 2 build cores, for the audio path
    out = []
    for model in ("hear-naive", "gram-base"):
        for fmt, channels in FORMATS.items():
            cpu = {"extract": 0.0, "linear": 0.0, "mlp": 0.0}
            gpu = {"extract": 0.0, "linear": 0.0, "mlp": 0.0}
            for abbr, clips, secs, classes, kind, folds, train_fraction in TASKS:
                audio = clips * secs
                harness = audio * channels * harness_s
                if model == "hear-naive":
                    model_cpu = audio * (NAIVE_TIMESTAMP_S_PER_AUDIO_S if kind == "event" else NAIVE_SCENE_S_PER_AUDIO_S)
                    model_gpu = model_cpu / gpu_cores_speedup  # runs on the CPU cores
                    dim, fps = NAIVE_DIM, NAIVE_FPS
                else:
                    chunks = clips * math.ceil(secs / 2.0)
                    model_cpu = chunks * GRAM_FLOP_PER_CHUNK / (args.cpu_gflops * 1e9)
                    model_gpu = chunks * GRAM_FLOP_PER_CHUNK / (args.gpu_tflops * 1e12)
                    dim, fps = GRAM_DIM, GRAM_FPS
                cpu["extract"] += harness + model_cpu
                gpu["extract"] += harness / gpu_cores_speedup + model_gpu
                rows = clips * train_fraction * (secs * fps if kind == "event" else 1)
                rotations = folds if folds > 1 else 1
                linear = rows * dim * classes * (LINEAR_PATH_S_PER_UNIT + (rotations - 1) * LINEAR_FIT_S_PER_UNIT)
                cpu["linear"] += linear
                gpu["linear"] += linear / gpu_cores_speedup
                # 8 grid points (half with 2 hidden layers) on rotation 0, the chosen one (1 layer) after
                flop = 4 * mlp_flop(rows, dim, classes, args.mlp_epochs, 1) + 4 * mlp_flop(rows, dim, classes, args.mlp_epochs, 2)
                flop += (rotations - 1) * mlp_flop(rows, dim, classes, args.mlp_epochs, 1)
                cpu["mlp"] += flop / MLP_CPU_FLOPS
                gpu["mlp"] += flop / (args.gpu_mlp_tflops * 1e12)
            out.append((model, fmt, cpu, gpu))
    return out


def hours(s):
    return f"{s / 3600:,.1f} h" if s >= 360 else f"{s / 60:,.1f} min"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("cold_results", nargs="?")
    p.add_argument("--cpu-gflops", type=float, default=100.0,
                   help="ASSUMED GRAM-base forward throughput on the 2 build cores (libtorch, MKL)")
    p.add_argument("--gpu-tflops", type=float, default=100.0,
                   help="ASSUMED GRAM-base forward throughput on one GPU (TF32/BF16, batched chunks)")
    p.add_argument("--gpu-mlp-tflops", type=float, default=20.0,
                   help="ASSUMED MLP probe throughput on one GPU (batch 1024, small GEMMs)")
    p.add_argument("--mlp-epochs", type=float, default=100.0,
                   help="ASSUMED mean epochs per MLP fit under HEAR's early stopping (max 500, patience 60)")
    args = p.parse_args()
    harness_s = HARNESS_S_PER_AUDIO_S
    if args.cold_results:
        run = json.load(open(args.cold_results))
        cells = [c for c in run["cells"] if c["modelId"] == "hear-naive" and c.get("timings")]
        seconds = sum(c["timings"]["extractionSeconds"] for c in cells)
        clips = sum(c["timings"]["clipsEmbedded"] + c["timings"]["clipsFromCache"] for c in cells)
        harness_s = seconds / clips
    print(f"harness audio path: {harness_s * 1000:.1f} ms per second of audio and channel (2 cores); "
          f"GRAM-base: {GRAM_FLOP_PER_CHUNK / 1e9:.1f} GFLOP per 2 s chunk; "
          f"MLP on CPU: {MLP_CPU_FLOPS / 1e9:.1f} GFLOP/s measured")
    total_audio = sum(c * s for _, c, s, *_ in TASKS)
    print(f"audio per format: {total_audio / 3600:,.1f} h in {sum(t[1] for t in TASKS):,} clips")
    print()
    print("| model | format | this machine: extraction | + linear grid | + HEAR MLP | GPU node: extraction | + linear grid | + HEAR MLP |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    totals = {"cpu": [0.0, 0.0, 0.0], "gpu": [0.0, 0.0, 0.0]}
    for model, fmt, cpu, gpu in project(args, harness_s):
        print(f"| {model} | {fmt} | {hours(cpu['extract'])} | {hours(cpu['linear'])} | {hours(cpu['mlp'])} | "
              f"{hours(gpu['extract'])} | {hours(gpu['linear'])} | {hours(gpu['mlp'])} |")
        for i, k in enumerate(("extract", "linear", "mlp")):
            totals["cpu"][i] += cpu[k]
            totals["gpu"][i] += gpu[k]
    c, g = totals["cpu"], totals["gpu"]
    print(f"| **all** | 3 formats | {hours(c[0])} | {hours(c[1])} | {hours(c[2])} | {hours(g[0])} | {hours(g[1])} | {hours(g[2])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
