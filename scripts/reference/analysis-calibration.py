#!/usr/bin/env python3
"""Independent reference for the calibration numbers pinned in test/unit/analysis/calibration-boolq.test.ts.

Reads the BoolQ / GPT-2 per-example file (probability of the correct answer per item) with numpy and
prints, per (experiment, model): n, accuracy, mean confidence, ECE and MCE with 10 equal-width and 10
equal-mass bins, Brier score and NLL. Definitions (the same the lab documents, computed here separately):
  confidence  c = max(p, 1 - p); correct y = 1 if p > 0.5 (binary task, probability of the correct answer p)
  ECE         sum over bins of (n_b / n) |mean(y in b) - mean(c in b)|; MCE = max over non-empty bins
  equal width bin index floor(c * 10), capped at 9
  equal mass  items sorted by confidence (stable: ties keep file order), bin b = sorted positions
              [floor(b n / 10), floor((b + 1) n / 10))
  Brier       mean (1 - p)^2 over items (= mean (c - y)^2; half the two-class Brier score)
  NLL         mean -log(clip(p, 1e-12, 1))

Usage: python3 scripts/reference/analysis-calibration.py [path/to/boolq_gpt2_per_example.csv]
"""
import csv
import sys

import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/calibration/boolq_gpt2_per_example.csv"
groups = {}
with open(path, newline="") as fh:
    for row in csv.DictReader(fh):
        groups.setdefault((row["experiment"], row["model"]), []).append(float(row["p_correct"]))


def ece_mce(conf, corr, bin_of):
    ece, mce = 0.0, 0.0
    n = len(conf)
    for b in np.unique(bin_of):
        sel = bin_of == b
        gap = abs(corr[sel].mean() - conf[sel].mean())
        ece += sel.sum() / n * gap
        mce = max(mce, gap)
    return ece, mce


print("experiment\tmodel\tn\taccuracy\tmean_confidence\tece_width\tmce_width\tece_mass\tmce_mass\tbrier\tnll")
for (experiment, model), ps in sorted(groups.items()):
    p = np.array(ps, dtype=np.float64)
    n = len(p)
    conf = np.maximum(p, 1 - p)
    corr = (p > 0.5).astype(np.float64)
    width_bin = np.minimum(np.floor(conf * 10).astype(int), 9)
    order = np.argsort(conf, kind="stable")
    mass_bin = np.empty(n, dtype=int)
    for b in range(10):
        mass_bin[order[(b * n) // 10 : ((b + 1) * n) // 10]] = b
    ece_w, mce_w = ece_mce(conf, corr, width_bin)
    ece_m, mce_m = ece_mce(conf, corr, mass_bin)
    brier = np.mean((1 - p) ** 2)
    nll = np.mean(-np.log(np.clip(p, 1e-12, 1)))
    print(
        f"{experiment}\t{model}\t{n}\t{corr.mean():.10f}\t{conf.mean():.10f}\t{ece_w:.10f}\t{mce_w:.10f}\t"
        f"{ece_m:.10f}\t{mce_m:.10f}\t{brier:.10f}\t{nll:.10f}"
    )
