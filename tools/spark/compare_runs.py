#!/usr/bin/env python3
"""Compare two nathear run folders (results.json and hear/): the cells must be equal but for their
timings and model facts (measurements of the process that ran them; Spark cells record none), (and the model guard's call counter in failure messages, which counts the calls of one opened
model: on Spark each executor opens its own), the hear-eval-kit files byte for byte but for the
wall-clock time_in_min fields. Prints each cell's primary score and interval. Exit 1 when they differ.

Usage: compare_runs.py RUN_DIR_A RUN_DIR_B
"""
import json, os, re, sys
a, b = sys.argv[1], sys.argv[2]
def cells(d):
    run = json.load(open(os.path.join(d, "results.json")), parse_constant=lambda c: c)
    out = []
    for c in run["cells"]:
        c = dict(c); c.pop("timings", None); c.pop("modelFacts", None)
        c["message"] = re.sub(r" call \d+ on ", " call N on ", c["message"])
        out.append(c)
    return out
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if not k.startswith("time_in_min")}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
def files(d):
    root = os.path.join(d, "hear"); out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            out[os.path.relpath(p, root)] = p
    return out
ca, cb = cells(a), cells(b)
problems = []
if ca != cb:
    for x, y in zip(ca, cb):
        if x != y:
            fields = [k for k in x if x.get(k) != y.get(k)]
            problems.append("cell %s | %s differs in %s (primary score %s vs %s)" % (x["taskId"], x["modelId"],
                            ", ".join(fields), x.get("primaryScore"), y.get("primaryScore")))
    if len(ca) != len(cb):
        problems.append("%d cells vs %d" % (len(ca), len(cb)))
fa, fb = files(a), files(b)
if sorted(fa) != sorted(fb):
    only = sorted(set(fa) ^ set(fb))
    problems.append("hear files in one run only: %d, e.g. %s" % (len(only), only[:3]))
for name in sorted(set(fa) & set(fb)):
    if name.endswith("predicted-scores.json"):
        load = lambda p: strip(json.load(open(p), parse_constant=lambda c: c))
        same = load(fa[name]) == load(fb[name])
    else:
        same = open(fa[name], "rb").read() == open(fb[name], "rb").read()
    if not same:
        problems.append("hear file %s differs" % name)
scored = sum(1 for c in ca if c["status"] == "SUCCEEDED")
for c in ca:
    iv = c.get("primaryInterval") or {}
    print("  %-22s %-14s %-9s %s = %s  [%s, %s]" % (c["taskId"], c["modelId"], c["status"], c["primaryMetric"],
          c.get("primaryScore"), iv.get("low"), iv.get("high")))
if problems:
    print("DIFFERENT:\n  " + "\n  ".join(problems)); sys.exit(1)
print("identical: %d cells (%d scored), %d hear-eval-kit files" % (len(ca), scored, len(fa)))
