#!/usr/bin/env python3
"""Independent reference for the demo's calibration data (resources/demo/lab_lm_cloze4.csv, written by
scripts/make-calibration-demo.ts): per (task, model) from the per-option rows, with numpy: n, accuracy, mean
confidence, ECE and MCE with 10 equal-width bins, Brier score on the gold answer and NLL. Definitions as in
scripts/reference/calibration-options.py: the pick is the most probable option (the first listed of ties), its
probability the confidence; correct = the pick is the gold option; Brier = mean (1 - p_gold)^2; NLL = mean
-log(clip(p_gold, 1e-12, 1)); equal-width bin = floor(c * 10) capped at 9.

Writes test/fixtures/calibration/lab-lm-cloze4.expected.json.
Usage: python3 scripts/reference/calibration-demo-cloze.py
"""
import csv
import json

import numpy as np

SRC = "resources/demo/lab_lm_cloze4.csv"
OUT = "test/fixtures/calibration/lab-lm-cloze4.expected.json"

groups = {}
params = {}
with open(SRC, newline="") as fh:
    for r in csv.DictReader(fh):
        key = (r["task"], r["model"])
        params[r["model"]] = float(r["params"])
        groups.setdefault(key, {}).setdefault(r["item"], []).append((float(r["probability"]), r["is_gold"] == "1"))


def ece_mce(conf, corr, bin_of):
    ece, mce, n = 0.0, 0.0, len(conf)
    for b in np.unique(bin_of):
        sel = bin_of == b
        gap = abs(corr[sel].mean() - conf[sel].mean())
        ece += sel.sum() / n * gap
        mce = max(mce, gap)
    return ece, mce


expected = {}
for (task, model), items in sorted(groups.items()):
    p, c, y = [], [], []
    for opts in items.values():
        probs = np.array([o[0] for o in opts])
        gold = [k for k, o in enumerate(opts) if o[1]][0]
        pick = int(np.argmax(probs))
        p.append(probs[gold])
        c.append(probs[pick])
        y.append(1.0 if pick == gold else 0.0)
    p, c, y = np.array(p), np.array(c), np.array(y)
    ece, mce = ece_mce(c, y, np.minimum(np.floor(c * 10).astype(int), 9))
    expected.setdefault(task, {})[model] = {
        "params": params[model],
        "n": len(p),
        "accuracy": round(float(y.mean()), 12),
        "mean_confidence": round(float(c.mean()), 12),
        "ece_width": round(ece, 12),
        "mce_width": round(mce, 12),
        "brier_gold": round(float(np.mean((1 - p) ** 2)), 12),
        "nll": round(float(np.mean(-np.log(np.clip(p, 1e-12, 1)))), 12),
    }
with open(OUT, "w") as fh:
    json.dump({"source": "scripts/reference/calibration-demo-cloze.py", "data": SRC, "bins": 10, "tasks": expected}, fh, indent=2)
    fh.write("\n")
print(json.dumps(expected, indent=2))
