#!/usr/bin/env python3
"""Independent reference for the emergence scale pinned in test/unit/analysis/emergence-reference.test.ts.

Pythia-deduped arithmetic (test/fixtures/emergence/pythia_arithmetic_by_size.csv), final checkpoint
(step 143000), all shot counts pooled as runs at each size: value = mean over runs, standard error =
sample sd / sqrt(runs). Threshold = chance (0, exact match) + max(0.05, 2 se). The emergence scale is the
first crossing of value - threshold from below, interpolated linearly in log10(params) between the two
sizes around it. Plain Python (no numpy needed).

Usage: python3 scripts/reference/analysis-emergence.py [path]
"""
import csv
import math
import statistics
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/emergence/pythia_arithmetic_by_size.csv"
rows = [r for r in csv.DictReader(open(path, newline="")) if r["step"] == "143000"]
for task in sorted({r["task"] for r in rows}):
    sizes = sorted({int(r["params"]) for r in rows if r["task"] == task})
    u, d = [], []
    for n in sizes:
        vals = [float(r["value"]) for r in rows if r["task"] == task and int(r["params"]) == n]
        mean = sum(vals) / len(vals)
        se = statistics.stdev(vals) / math.sqrt(len(vals))
        u.append(math.log10(n))
        d.append(mean - max(0.05, 2 * se))
    for i in range(1, len(sizes)):
        if d[i - 1] < 0 <= d[i]:
            t = d[i - 1] / (d[i - 1] - d[i])
            scale = 10 ** (u[i - 1] + t * (u[i] - u[i - 1]))
            print(f"{task}\t{sizes[i - 1]}\t{sizes[i]}\t{scale:.6e}")
            break
