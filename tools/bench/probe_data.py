#!/usr/bin/python3
"""Writes a seeded classification problem for the probe speed comparison (ProbeSpeedBenchmark vs
scikit-learn): Gaussian classes in D dimensions, float32 .npy files in OUT_DIR (train, a validation
split of TEST rows, test). NOISE scales the within-class spread (1.0: nearly separable; larger
values make the problem harder).

    /usr/bin/python3 tools/bench/probe_data.py OUT_DIR [TRAIN=16000] [TEST=4890] [DIM=1024] [CLASSES=12] [SEED=20240611] [NOISE=1.0]
"""
import os
import sys

import numpy as np


def main():
    out = sys.argv[1]
    n_train, n_test, dim, classes, seed = [int(a) for a in (sys.argv[2:7] + ["16000", "4890", "1024", "12", "20240611"][len(sys.argv[2:7]):])]
    noise = float(sys.argv[7]) if len(sys.argv) > 7 else 1.0
    rng = np.random.default_rng(seed)
    # class means on a random low-dimensional structure, so the problem is neither trivial nor hopeless
    means = rng.normal(0, 1, size=(classes, 32)) @ rng.normal(0, 0.25, size=(32, dim))
    def sample(n):
        y = rng.integers(0, classes, size=n)
        x = means[y] + rng.normal(0, noise, size=(n, dim))
        return x.astype(np.float32), y.astype(np.float32)
    x_train, y_train = sample(n_train)
    x_test, y_test = sample(n_test)
    x_valid, y_valid = sample(n_test)
    os.makedirs(out, exist_ok=True)
    for name, a in (("x_train", x_train), ("y_train", y_train), ("x_test", x_test), ("y_test", y_test),
                    ("x_valid", x_valid), ("y_valid", y_valid)):
        np.save(os.path.join(out, name + ".npy"), a)
    print("wrote %d train / %d test rows of %d dims, %d classes to %s" % (n_train, n_test, dim, classes, out))


if __name__ == "__main__":
    main()
