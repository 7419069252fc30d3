#!/usr/bin/python3
"""scipy.signal.oaconvolve on the WAV files of tools/bench/convolution-vs-scipy.sh (same cases as
org.nathear.benchmarks.ConvolutionBenchmark, JMH). Usage: convolution_scipy.py DIR WARMUP REPS"""
import sys
import time

import numpy as np
import scipy
from scipy.io import wavfile
from scipy.signal import oaconvolve


def read(path):
    sr, x = wavfile.read(path)
    x = np.asarray(x, dtype=np.float32)
    return x.T if x.ndim == 2 else x[None, :]


def timed(name, seconds, warmup, reps, job):
    for _ in range(warmup):
        y = job()
    ms = []
    for _ in range(reps):
        t0 = time.perf_counter()
        y = job()
        ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    total = float(sum(float(np.sum(a, dtype=np.float64)) for a in y))
    print(f"RESULT\tscipy-{scipy.__version__}-oaconvolve\t{name}\t{seconds:.1f}\t{ms[reps // 2]:.2f}\t{ms[0]:.2f}\t{total:.6f}")


def main():
    d, warmup, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    x10 = read(f"{d}/source10s.wav")[0]
    foa = read(f"{d}/rir_foa_1s.wav")
    batch = read(f"{d}/batch_sources.wav")
    binaural = read(f"{d}/rir_binaural_1s.wav")
    fs = 32000
    timed("mono 10 s x 1 s RIR, 1 channel, full", len(x10) / fs, warmup, reps,
          lambda: [oaconvolve(x10, foa[0])])
    timed("mono 10 s x 1 s RIR, 4 channels (FOA), full", len(x10) / fs, warmup, reps,
          lambda: list(oaconvolve(x10[None, :], foa, axes=1)))
    timed("32 clips x 5 s x 1 s binaural RIR, 1 thread", batch.size / fs, warmup, reps,
          lambda: [ch for clip in batch for ch in oaconvolve(clip[None, :], binaural, axes=1)])


if __name__ == "__main__":
    main()
