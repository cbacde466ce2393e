#!/usr/bin/env python3
"""Writes a documented synthetic per-option prediction file and the calibration numbers it must give.

A 4-option multiple-choice task ("mc4-synthetic"), 240 items, three models of 1e8, 1e9 and 1e10 parameters.
For each item one option (A-D) is gold; option logits are standard normal plus a gold bonus that grows with
size (0.4, 1.2, 2.2); probabilities = softmax, printed with 6 decimals. Item "i000" of every model is a
documented tie: probabilities 0.4, 0.4, 0.1, 0.1 with the gold option B, so the pick (the first listed of the
tied options, A) is wrong.

Then, independently of the lab, it reads the printed file back and computes per model (numpy):
  gold probability p = probability of the gold option; pick = argmax (first of ties); confidence c = max;
  correct y = pick is gold
  accuracy = mean y; mean confidence = mean c
  ECE / MCE with 10 equal-width bins (bin floor(10 c), capped at 9) and 10 equal-mass bins (items sorted by c,
  stable, cut at positions floor(b n / 10))
  Brier on the gold answer = mean (1 - p)^2; NLL = mean -log(clip(p, 1e-12, 1))
  and, to show why a multiple-choice file must not be read as two-way: the items whose gold probability is
  below 1/2 yet picked (right), and the accuracy a two-way reading (p > 1/2) would wrongly give.

Writes test/fixtures/calibration/mc4_options_synthetic.csv and mc4_options_synthetic.expected.json.
Usage: python3 scripts/reference/calibration-options.py [output folder]
"""
import csv
import json
import os
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/calibration"
csv_path = os.path.join(out, "mc4_options_synthetic.csv")
OPTIONS = ["A", "B", "C", "D"]
MODELS = [("mc-small", 1e8, 0.4), ("mc-medium", 1e9, 1.2), ("mc-large", 1e10, 2.2)]
N_ITEMS = 240
rng = np.random.default_rng(20261203)

with open(csv_path, "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["model", "params", "task", "item", "option", "probability", "is_gold"])
    gold_of = rng.integers(0, 4, size=N_ITEMS)
    for name, params, bonus in MODELS:
        for i in range(N_ITEMS):
            if i == 0:
                probs, gold = np.array([0.4, 0.4, 0.1, 0.1]), 1
            else:
                gold = int(gold_of[i])
                logits = rng.normal(size=4)
                logits[gold] += bonus
                probs = np.exp(logits - logits.max())
                probs /= probs.sum()
            for k, opt in enumerate(OPTIONS):
                w.writerow([name, f"{params:.0e}", "mc4-synthetic", f"i{i:03d}", opt, f"{probs[k]:.6f}", 1 if k == gold else 0])


def ece_mce(conf, corr, bin_of):
    ece, mce, n = 0.0, 0.0, len(conf)
    for b in np.unique(bin_of):
        sel = bin_of == b
        gap = abs(corr[sel].mean() - conf[sel].mean())
        ece += sel.sum() / n * gap
        mce = max(mce, gap)
    return ece, mce


rows = list(csv.DictReader(open(csv_path, newline="")))
expected = {}
for name, _, _ in MODELS:
    items = {}
    for r in rows:
        if r["model"] == name:
            items.setdefault(r["item"], []).append((float(r["probability"]), r["is_gold"] == "1"))
    p, c, y = [], [], []
    for opts in items.values():
        probs = np.array([o[0] for o in opts])
        gold = [k for k, o in enumerate(opts) if o[1]][0]
        pick = int(np.argmax(probs))  # first of ties
        p.append(probs[gold])
        c.append(probs[pick])
        y.append(1.0 if pick == gold else 0.0)
    p, c, y = np.array(p), np.array(c), np.array(y)
    n = len(p)
    width = np.minimum(np.floor(c * 10).astype(int), 9)
    order = np.argsort(c, kind="stable")
    mass = np.empty(n, dtype=int)
    for b in range(10):
        mass[order[(b * n) // 10 : ((b + 1) * n) // 10]] = b
    ew, mw = ece_mce(c, y, width)
    em, mm = ece_mce(c, y, mass)
    expected[name] = {
        "n": n,
        "accuracy": round(float(y.mean()), 12),
        "mean_confidence": round(float(c.mean()), 12),
        "ece_width": round(ew, 12),
        "mce_width": round(mw, 12),
        "ece_mass": round(em, 12),
        "mce_mass": round(mm, 12),
        "brier_gold": round(float(np.mean((1 - p) ** 2)), 12),
        "nll": round(float(np.mean(-np.log(np.clip(p, 1e-12, 1)))), 12),
        "right_with_gold_below_half": int(np.sum((p < 0.5) & (y == 1))),
        "two_way_accuracy_would_be": round(float(np.mean(p > 0.5)), 12),
    }
with open(os.path.join(out, "mc4_options_synthetic.expected.json"), "w") as fh:
    json.dump({"source": "scripts/reference/calibration-options.py", "task": "mc4-synthetic", "bins": 10, "models": expected}, fh, indent=2)
    fh.write("\n")
print(json.dumps(expected, indent=2))
