#!/usr/bin/env python3
"""Fit a scikit-learn probe on embeddings written by `nathear export-embeddings`.

    python3 tools/hear-eval/fit_exported.py EXPORT/<model>/<task> [--json]

Reads the task folder's splits in hear-eval-kit's layout with numpy (the `.embeddings.npy` files
are headerless float32 memmaps, as hear-eval-kit writes them), standardises on train, fits a
logistic regression on train (C chosen on valid among 0.01..100 when a `valid` split exists) and
prints top-1 accuracy on test. Scene multiclass tasks with train/valid/test splits only (a k-fold
task would rotate folds as nathear does; this script is the minimal example).

Needs numpy and scikit-learn (Debian: python3-numpy python3-sklearn).
"""
import argparse
import json
import os
import pickle
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def load_split(folder, split):
    with open(os.path.join(folder, split + ".embedding-dimensions.json")) as f:
        rows, dim = json.load(f)
    x = np.memmap(os.path.join(folder, split + ".embeddings.npy"), dtype="float32", mode="r", shape=(rows, dim))
    with open(os.path.join(folder, split + ".target-labels.pkl"), "rb") as f:
        labels = pickle.load(f)
    names_file = os.path.join(folder, split + ".filenames.json")
    names = json.load(open(names_file)) if os.path.exists(names_file) else None
    if len(labels) != rows or (names is not None and len(names) != rows):
        sys.exit(f"{folder}: split {split} has {rows} rows but {len(labels)} label lists")
    for i, row_labels in enumerate(labels):
        if len(row_labels) != 1:
            sys.exit(f"{folder}: split {split} row {i} has {len(row_labels)} labels; this script fits multiclass tasks only")
    return np.asarray(x), np.array([row_labels[0] for row_labels in labels]), names


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="EXPORT/<model>/<task>")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args()
    x_train, y_train, _ = load_split(args.folder, "train")
    x_test, y_test, test_names = load_split(args.folder, "test")
    scaler = StandardScaler().fit(x_train)
    candidates = [0.01, 0.1, 1.0, 10.0, 100.0]
    best_c, best_valid = 1.0, None
    if os.path.exists(os.path.join(args.folder, "valid.embeddings.npy")):
        x_valid, y_valid, _ = load_split(args.folder, "valid")
        for c in candidates:
            model = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(x_train), y_train)
            score = float(np.mean(model.predict(scaler.transform(x_valid)) == y_valid))
            if best_valid is None or score > best_valid:
                best_c, best_valid = c, score
    model = LogisticRegression(C=best_c, max_iter=2000).fit(scaler.transform(x_train), y_train)
    accuracy = float(np.mean(model.predict(scaler.transform(x_test)) == y_test))
    result = {"folder": args.folder, "train": int(x_train.shape[0]), "test": int(x_test.shape[0]),
              "dimension": int(x_train.shape[1]), "C": best_c, "valid_top1_acc": best_valid, "test_top1_acc": accuracy,
              "test_files": len(test_names) if test_names is not None else None}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.folder}: {x_train.shape[0]} train rows of {x_train.shape[1]} floats; C={best_c}; "
              f"test top-1 accuracy {accuracy:.4f} on {x_test.shape[0]} clips")


if __name__ == "__main__":
    main()
