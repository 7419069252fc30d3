#!/usr/bin/python3
"""PyTorch's side of the MLP probe speed comparison (tools/bench/mlp-vs-pytorch.sh): hear-eval-kit's
probe network (Linear -> BatchNorm1d -> Dropout(0.1) -> ReLU -> Linear, Xavier-uniform), softmax
cross-entropy, Adam lr 1e-3, batches of 1024 in a seeded random order, a fixed number of epochs, no
validation; timed from the first step to predictions on test, on the data probe_data.py wrote
(standardised with train statistics first, outside the timing, as the Java side does).

    /usr/bin/python3 tools/bench/mlp_pytorch.py DATA_DIR THREADS [EPOCHS=20] [HIDDEN=1024] [BATCH=1024] [REPS=2]
"""
import os
import sys
import time

THREADS = int(sys.argv[2])
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(THREADS)

import numpy as np  # noqa: E402
import torch  # noqa: E402


def main():
    d = sys.argv[1]
    epochs, hidden, batch, reps = [int(a) for a in (sys.argv[3:] + ["20", "1024", "1024", "2"][len(sys.argv) - 3:])]
    torch.set_num_threads(THREADS)
    x_train = np.load(os.path.join(d, "x_train.npy"))
    y_train = np.load(os.path.join(d, "y_train.npy")).astype(np.int64)
    x_test = np.load(os.path.join(d, "x_test.npy"))
    y_test = np.load(os.path.join(d, "y_test.npy")).astype(np.int64)
    mean, std = x_train.mean(0), x_train.std(0) + 1e-12
    xt = torch.from_numpy((x_train - mean) / std)
    yt = torch.from_numpy(y_train)
    xs = torch.from_numpy((x_test - mean) / std)
    classes = int(y_train.max()) + 1
    times, acc = [], float("nan")
    for rep in range(reps):
        torch.manual_seed(rep)
        net = torch.nn.Sequential(torch.nn.Linear(xt.shape[1], hidden), torch.nn.BatchNorm1d(hidden),
                                  torch.nn.Dropout(0.1), torch.nn.ReLU(), torch.nn.Linear(hidden, classes))
        torch.nn.init.xavier_uniform_(net[0].weight)
        torch.nn.init.xavier_uniform_(net[4].weight, gain=2 ** 0.5)
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        loss_fn = torch.nn.CrossEntropyLoss()
        t0 = time.perf_counter()
        net.train()
        for _ in range(epochs):
            order = torch.randperm(xt.shape[0])
            for start in range(0, xt.shape[0], batch):
                idx = order[start:start + batch]
                if len(idx) < 2:
                    continue
                opt.zero_grad()
                loss = loss_fn(net(xt[idx]), yt[idx])
                loss.backward()
                opt.step()
        net.eval()
        with torch.no_grad():
            pred = net(xs).argmax(1).numpy()
        times.append(time.perf_counter() - t0)
        acc = float(np.mean(pred == y_test))
    print("| PyTorch %s, %d thread(s) | %d x %d, %d classes | %d | %.2f s (min of %d: %s) | %.4f |"
          % (torch.__version__, THREADS, xt.shape[0], xt.shape[1], classes, epochs, min(times), reps,
             ", ".join("%.2f" % t for t in times), acc))


if __name__ == "__main__":
    main()
