#!/usr/bin/env python3
"""Checks that two runs scored every cell identically: compares two results.json files (or run folders
holding one) cell by cell, everything except `timings` and the model facts' measurements (real-time
factor, peak memory), which a speed change may move. Exit code 0 when identical, 1 otherwise.

    tools/bench/same_scores.py RUN_A RUN_B
"""
import glob
import json
import os
import sys

MEASURED = ("realTimeFactor", "peakMemoryBytes", "measured")


def cells(path):
    if os.path.isdir(path):
        found = glob.glob(os.path.join(path, "results.json")) or glob.glob(os.path.join(path, "*", "results.json"))
        if len(found) != 1:
            sys.exit(f"{path}: expected one results.json, found {len(found)}")
        path = found[0]
    out = {}
    for c in json.load(open(path))["cells"]:
        c = dict(c)
        c.pop("timings", None)
        facts = c.get("modelFacts")
        if isinstance(facts, dict):
            c["modelFacts"] = {k: v for k, v in facts.items() if k not in MEASURED}
        out[(c["modelId"], c["taskId"])] = c
    return out


a, b = cells(sys.argv[1]), cells(sys.argv[2])
differing = 0
for key in sorted(set(a) | set(b)):
    if key not in a or key not in b:
        print(f"{key[0]} | {key[1]}: only in {'the first' if key in a else 'the second'} run")
        differing += 1
    elif a[key] != b[key]:
        fields = sorted(f for f in set(a[key]) | set(b[key]) if a[key].get(f) != b[key].get(f))
        print(f"{key[0]} | {key[1]}: differs in {', '.join(fields)}")
        differing += 1
print(f"{len(a)} and {len(b)} cells; {differing} differ")
sys.exit(1 if differing else 0)
