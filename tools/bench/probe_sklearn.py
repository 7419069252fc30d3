#!/usr/bin/python3
"""scikit-learn's LogisticRegression on the probe_data.py problem, as the reference for probe speed:
StandardScaler then multinomial LogisticRegression (lbfgs, default C=1.0, max_iter=1000), timed
from fit start to predictions on test, with the thread count given.

    /usr/bin/python3 tools/bench/probe_sklearn.py DATA_DIR [THREADS=1]
"""
import os
import sys
import time

THREADS = sys.argv[2] if len(sys.argv) > 2 else "1"
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = THREADS

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402


def main():
    d = sys.argv[1]
    x_train = np.load(os.path.join(d, "x_train.npy"))
    y_train = np.load(os.path.join(d, "y_train.npy")).astype(int)
    x_test = np.load(os.path.join(d, "x_test.npy"))
    y_test = np.load(os.path.join(d, "y_test.npy")).astype(int)
    times = []
    for rep in range(3):
        t0 = time.perf_counter()
        scaler = StandardScaler().fit(x_train)
        model = LogisticRegression(max_iter=1000).fit(scaler.transform(x_train), y_train)
        acc = float(np.mean(model.predict(scaler.transform(x_test)) == y_test))
        times.append(time.perf_counter() - t0)
    print("| sklearn-%s LogisticRegression lbfgs, %s thread(s) | %d x %d, %d classes | 1 | %.2f s (min of 3; %s) | %.4f |"
          % (sklearn.__version__, THREADS, x_train.shape[0], x_train.shape[1], len(set(y_train)), min(times),
             ", ".join("%.2f" % t for t in times), acc))


if __name__ == "__main__":
    main()
