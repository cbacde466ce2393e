#!/usr/bin/env python3
"""Independent reference for the emergence scales and brackets pinned in test/unit/analysis/emergence.test.ts
and test/integration/cli-analyze.test.ts.

Pythia-deduped arithmetic (test/fixtures/emergence/pythia_arithmetic_by_size.csv), final checkpoint
(step 143000). Chance level 0: two-operand arithmetic is answered with a free-form number (Brown et al. 2020,
arXiv 2005.14165, sec. 3.9.1), so nothing can be guessed.

  pooled     all shot counts pooled as runs at each size (the explicit --pool-shots choice):
             value = mean over runs, standard error = sample sd / sqrt(runs),
             threshold = chance + max(0.05, 2 se);
  per shot   one series per shot count (the default): one value per size and no standard error, so
             threshold = chance + 0.05.

The emergence scale is the first crossing of value - threshold from below, interpolated linearly in
log10(params) between the two sizes around it (the bracket). Printed per line:
  task  shots  bracket-lower  bracket-upper  scale

Pythia v1 zero-shot lambada_openai and piqa (test/fixtures/pythia/pythia_v1_lambada_piqa_zeroshot.csv,
final step 143000): chance 0 for LAMBADA (open-vocabulary last word, Paperno et al. 2016, arXiv 1606.06031)
and 1/2 for PIQA (two solutions, Bisk et al. 2020, arXiv 1911.11641); threshold = chance + max(0.05, 2 stderr).
Printed per line: task  family  chance  first-size-clearing  smallest-size
With a margin of 0.10, PIQA (chance 1/2) is crossed inside the range; printed per line:
  task  family  margin=0.1  bracket-lower  bracket-upper  scale

Plain Python (no numpy needed).
Usage: python3 scripts/reference/analysis-emergence.py [arithmetic.csv] [lambada_piqa.csv]
"""
import csv
import math
import statistics
import sys

arith = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/emergence/pythia_arithmetic_by_size.csv"
lp = sys.argv[2] if len(sys.argv) > 2 else "test/fixtures/pythia/pythia_v1_lambada_piqa_zeroshot.csv"


def crossing(sizes, d):
    for i in range(1, len(sizes)):
        if d[i - 1] < 0 <= d[i]:
            u0, u1 = math.log10(sizes[i - 1]), math.log10(sizes[i])
            t = d[i - 1] / (d[i - 1] - d[i])
            return sizes[i - 1], sizes[i], 10 ** (u0 + t * (u1 - u0))
    return None


rows = [r for r in csv.DictReader(open(arith, newline="")) if r["step"] == "143000"]
for task in sorted({r["task"] for r in rows}):
    mine = [r for r in rows if r["task"] == task]
    sizes = sorted({int(r["params"]) for r in mine})
    d = []
    for n in sizes:
        vals = [float(r["value"]) for r in mine if int(r["params"]) == n]
        se = statistics.stdev(vals) / math.sqrt(len(vals))
        d.append(sum(vals) / len(vals) - max(0.05, 2 * se))
    c = crossing(sizes, d)
    print(f"{task}\tpooled\t" + (f"{c[0]}\t{c[1]}\t{c[2]:.6e}" if c else "none"))
    for shots in sorted({int(r["fewshot"]) for r in mine}):
        d = []
        for n in sizes:
            [v] = [float(r["value"]) for r in mine if int(r["params"]) == n and int(r["fewshot"]) == shots]
            d.append(v - 0.05)
        c = crossing(sizes, d)
        print(f"{task}\t{shots}\t" + (f"{c[0]}\t{c[1]}\t{c[2]:.6e}" if c else "none"))

CHANCE = {"lambada_openai": 0.0, "piqa": 0.5}
rows = [r for r in csv.DictReader(open(lp, newline="")) if r["step"] == "143000"]
for task in sorted({r["task"] for r in rows}):
    for dedup in ("0", "1"):
        mine = sorted((r for r in rows if r["task"] == task and r["deduped"] == dedup), key=lambda r: int(r["params"]))
        first = next((int(r["params"]) for r in mine if float(r["accuracy"]) >= CHANCE[task] + max(0.05, 2 * float(r["stderr"]))), None)
        family = "pythia-deduped" if dedup == "1" else "pythia"
        print(f"{task}\t{family}\t{CHANCE[task]}\t{first}\t{int(mine[0]['params'])}")

for dedup in ("0", "1"):
    mine = sorted((r for r in rows if r["task"] == "piqa" and r["deduped"] == dedup), key=lambda r: int(r["params"]))
    sizes = [int(r["params"]) for r in mine]
    d = [float(r["accuracy"]) - (CHANCE["piqa"] + max(0.10, 2 * float(r["stderr"]))) for r in mine]
    c = crossing(sizes, d)
    family = "pythia-deduped" if dedup == "1" else "pythia"
    print(f"piqa\t{family}\tmargin=0.1\t" + (f"{c[0]}\t{c[1]}\t{c[2]:.6e}" if c else "none"))
