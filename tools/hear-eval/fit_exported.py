#!/usr/bin/env python3
"""Fit a scikit-learn probe on embeddings written by `nathear export-embeddings`.

    python3 tools/hear-eval/fit_exported.py EXPORT/<model>/<task> [--json]

Reads the task folder's splits in hear-eval-kit's layout with numpy (the `.embeddings.npy` files
are headerless float32 memmaps, as hear-eval-kit writes them), standardises on train, fits a
logistic regression on train (C chosen on valid among 0.01..100 when a `valid` split exists) and
prints top-1 accuracy on test. Scene multiclass tasks. A k-fold task (fold00, fold01, ...) is rotated
as nathear and hear-eval-kit do: test = fold i, valid = fold i+1, train = the others; C is chosen on
the first rotation and reused; the mean test accuracy over the folds is printed.

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


def fit_and_score(train, valid, test, candidates, fixed_c=None):
    """Standardise on train, pick C on valid (unless fixed), return (C, valid score, test accuracy)."""
    (x_train, y_train), (x_test, y_test) = train, test
    scaler = StandardScaler().fit(x_train)
    best_c, best_valid = (fixed_c if fixed_c is not None else 1.0), None
    if valid is not None and fixed_c is None:
        x_valid, y_valid = valid
        for c in candidates:
            model = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(x_train), y_train)
            score = float(np.mean(model.predict(scaler.transform(x_valid)) == y_valid))
            if best_valid is None or score > best_valid:
                best_c, best_valid = c, score
    model = LogisticRegression(C=best_c, max_iter=2000).fit(scaler.transform(x_train), y_train)
    return best_c, best_valid, float(np.mean(model.predict(scaler.transform(x_test)) == y_test))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="EXPORT/<model>/<task>")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args()
    candidates = [0.01, 0.1, 1.0, 10.0, 100.0]
    folds = sorted(f[:-len(".embeddings.npy")] for f in os.listdir(args.folder)
                   if f.startswith("fold") and f.endswith(".embeddings.npy"))
    if os.path.exists(os.path.join(args.folder, "train.embeddings.npy")):
        x_train, y_train, _ = load_split(args.folder, "train")
        x_test, y_test, test_names = load_split(args.folder, "test")
        valid = None
        if os.path.exists(os.path.join(args.folder, "valid.embeddings.npy")):
            x_valid, y_valid, _ = load_split(args.folder, "valid")
            valid = (x_valid, y_valid)
        best_c, best_valid, accuracy = fit_and_score((x_train, y_train), valid, (x_test, y_test), candidates)
        train_rows, test_rows, dim = x_train.shape[0], x_test.shape[0], x_train.shape[1]
        test_files = len(test_names) if test_names is not None else None
        per_fold = None
    elif len(folds) >= 3:
        data = {f: load_split(args.folder, f)[:2] for f in folds}
        best_c, best_valid, per_fold = None, None, []
        for i, test_fold in enumerate(folds):
            valid_fold = folds[(i + 1) % len(folds)]
            train_folds = [f for f in folds if f not in (test_fold, valid_fold)]
            train = (np.concatenate([data[f][0] for f in train_folds]), np.concatenate([data[f][1] for f in train_folds]))
            c, v, acc = fit_and_score(train, data[valid_fold], data[test_fold], candidates, fixed_c=best_c)
            if best_c is None:
                best_c, best_valid = c, v
            per_fold.append(acc)
        accuracy = float(np.mean(per_fold))
        train_rows, test_rows = sum(len(data[f][1]) for f in folds), len(data[folds[0]][1])
        dim, test_files = data[folds[0]][0].shape[1], None
    else:
        sys.exit(f"{args.folder}: no train/test splits and fewer than 3 folds (fold00.embeddings.npy, ...); "
                 "is this a folder written by `nathear export-embeddings`?")
    result = {"folder": args.folder, "train": int(train_rows), "test": int(test_rows),
              "dimension": int(dim), "C": best_c, "valid_top1_acc": best_valid, "test_top1_acc": accuracy,
              "test_files": test_files}
    if per_fold is not None:
        result["test_top1_acc_per_fold"] = per_fold
    if args.json:
        print(json.dumps(result))
    elif per_fold is not None:
        print(f"{args.folder}: {len(folds)} folds, {train_rows} rows of {dim} floats; C={best_c} (first rotation); "
              f"test top-1 accuracy {accuracy:.4f} (mean over folds)")
    else:
        print(f"{args.folder}: {train_rows} train rows of {dim} floats; C={best_c}; "
              f"test top-1 accuracy {accuracy:.4f} on {test_rows} clips")


if __name__ == "__main__":
    main()
