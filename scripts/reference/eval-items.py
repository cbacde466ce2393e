#!/usr/bin/env python3
"""Writes the per-item evaluation fixtures of test/unit/ingest/eval-items.test.ts and their expected groups.

1. evals-per-item-boolq.csv: an lm-evaluation-harness-like per-item table (model, params, task, doc_id, acc
   with 0/1), the first 60 BoolQ items of each GPT-2 model and experiment, taken unchanged from the real
   test/fixtures/ingest/real/boolq_gpt2_per_example.csv (acc = its `correct` column).
2. evals-per-operand-arithmetic.csv: per-operand arithmetic, 100 rows (x1 = 0..99) per model, task, shots and
   checkpoint. Each row's exact_match is the accuracy over 50 second operands, drawn as Binomial(50, p) / 50 with
   p the real Pythia-deduped accuracy of that group at step 143000 (test/fixtures/ingest/real/
   pythia_arithmetic_by_size.csv); numpy seed 20240611. Synthetic scores, real shape and real group means.
3. evals-items-expected.json: per group the mean, n and standard error, computed here with numpy:
   binomial sqrt(p (1 - p) / n) when every score is 0 or 1, else the standard error of the mean
   s / sqrt(n) with s the sample standard deviation (ddof = 1).

Usage: python3 scripts/reference/eval-items.py   (from the repository root)
"""
import csv
import json

import numpy as np

FIX = "test/fixtures/ingest"


def expected(groups):
    out = []
    for key, scores in groups.items():
        x = np.array(scores, dtype=float)
        n = len(x)
        p = x.mean()
        binary = bool(np.all((x == 0) | (x == 1)))
        se = float(np.sqrt(p * (1 - p) / n)) if binary else float(x.std(ddof=1) / np.sqrt(n))
        out.append({"key": list(key), "mean": float(p), "n": n, "stderr": se, "binary": binary})
    return out


def boolq():
    rows = list(csv.DictReader(open(f"{FIX}/real/boolq_gpt2_per_example.csv", newline="")))
    keep = [r for r in rows if int(r["index"]) < 60]
    groups = {}
    with open(f"{FIX}/evals-per-item-boolq.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "params", "task", "doc_id", "acc"])
        for r in keep:
            w.writerow([r["model"], r["params"], r["experiment"], r["index"], r["correct"]])
            groups.setdefault((r["model"], r["experiment"]), []).append(int(r["correct"]))
    return expected(groups)


def arithmetic():
    rows = list(csv.DictReader(open(f"{FIX}/real/pythia_arithmetic_by_size.csv", newline="")))
    models = ["pythia-1.4b-deduped", "pythia-2.8b-deduped", "pythia-12b-deduped"]
    keep = [r for r in rows if r["step"] == "143000" and r["fewshot"] == "2" and r["model"] in models]
    rng = np.random.default_rng(20240611)
    groups = {}
    with open(f"{FIX}/evals-per-operand-arithmetic.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "params", "step", "tokens", "task", "fewshot", "x1", "exact_match"])
        for r in keep:
            scores = rng.binomial(50, float(r["value"]), size=100) / 50
            for x1, s in enumerate(scores):
                w.writerow([r["model"], r["params"], r["step"], r["tokens"], r["task"], r["fewshot"], x1, f"{s:g}"])
            groups[(r["model"], r["task"])] = [float(f"{s:g}") for s in scores]
    return expected(groups)


json.dump({"boolq": boolq(), "arithmetic": arithmetic()}, open(f"{FIX}/evals-items-expected.json", "w"), indent=1)
print("wrote", FIX + "/evals-per-item-boolq.csv,", FIX + "/evals-per-operand-arithmetic.csv,", FIX + "/evals-items-expected.json")
