#!/usr/bin/python3
"""torchaudio side of tools/bench/logmel-vs-torchaudio.sh: times GRAM's log-mel front end
(torchaudio.transforms.MelSpectrogram + log(x + 1e-5)) on channel 0 of a WAV file.

usage: logmel_torchaudio.py FILE.wav WARMUP REPS THREADS
THREADS = 0 keeps torch's default thread count. Prints a RESULT line in the same format as the
Java LogMelBenchmark: name, audio seconds, frames, median / min / mean ms, mean log-mel value.
"""
import sys
import time

import numpy as np
import scipy.io.wavfile
import torch
import torchaudio


def main():
    path, warmup, reps, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    default_threads = torch.get_num_threads()
    if threads > 0:
        torch.set_num_threads(threads)
    sr, data = scipy.io.wavfile.read(path)
    if data.ndim > 1:
        data = data[:, 0]
    if data.dtype == np.int16:
        data = data.astype(np.float32) / 32768.0
    assert sr == 32000, "the benchmark audio must be 32 kHz; got %d" % sr
    x = torch.from_numpy(np.ascontiguousarray(data, dtype=np.float32))
    mel = torchaudio.transforms.MelSpectrogram(sample_rate=32000, n_fft=1024, win_length=1024, hop_length=320,
                                               f_min=50.0, f_max=16000.0, n_mels=128, power=2.0)
    times = []
    with torch.inference_mode():
        for _ in range(warmup):
            out = torch.log(mel(x) + 1e-5)
        for _ in range(reps):
            t0 = time.perf_counter()
            out = torch.log(mel(x) + 1e-5)
            times.append((time.perf_counter() - t0) * 1000.0)
    name = "torchaudio-%s-%dthread%s" % (torchaudio.__version__, torch.get_num_threads(),
                                         "" if threads > 0 else "-default")
    print("RESULT %s %.1f %d %.2f %.2f %.2f %.6f" % (name, len(data) / sr, out.shape[-1], float(np.median(times)),
                                                      min(times), float(np.mean(times)), out.mean().item()))
    if threads == 0:
        print("# torch default threads: %d" % default_threads)


if __name__ == "__main__":
    main()
