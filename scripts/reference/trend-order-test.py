#!/usr/bin/env python3
"""Independent reference for the trend-shape order tests (src/core/analysis/trend-order-test.ts).

For each documented case it computes, with numpy only (its own pool-adjacent-violators and unimodal
regression, not the lab's code), on the score s = value (higher is better) or -value (lower is better),
weights w = 1 / se^2:
  chi2 of five least-squares fits: flat (weighted mean), positive (isotonic, non-decreasing), inverse
  (non-increasing), inverted_u (best split: non-decreasing prefix + non-increasing suffix), u_shaped (the
  mirror);
  trend LR = chi2(flat) - min(chi2(positive), chi2(inverse));
  turn LR  = min(chi2(positive), chi2(inverse)) - min(chi2(u_shaped), chi2(inverted_u));
  p-values by a parametric bootstrap (4,000 draws, numpy's generator, so they agree with the lab only to
  Monte-Carlo error): draws from the null's fitted curve (flat: the weighted mean; turn: the better monotone
  fit) with the same errors; p = (1 + #{T* >= T}) / (1 + B);
  steps z_i = (y_{i+1} - y_i) / sqrt(se_i^2 + se_{i+1}^2) in metric units.
When a case has no errors, sigma^2 = RSS / (n - 3) of a quadratic in u = log10(size) - mean, equal at every
size, and re-estimated in each bootstrap draw.

Cases (the value selection mirrors the lab's: final checkpoint per model, runs at the same size pooled as
mean with standard error sd / sqrt(k)):
  pythia-<task>-<family>   test/fixtures/pythia: Pythia v1 lambada_openai and piqa at step 143000, stderr given
  arithmetic-<op>          test/fixtures/emergence: Pythia-deduped two-operand arithmetic, final step, the five
                           shot counts pooled as runs
  boolq-<k>shot            test/fixtures/calibration: GPT-2 BoolQ accuracy (the file's `correct`) per size,
                           se = sd(correct, ddof=1) / sqrt(3270)
  synthetic-*              documented in SYNTHETIC below

Writes test/fixtures/trend/order-test-reference.json.
Usage: python3 scripts/reference/trend-order-test.py
"""
import csv
import json
from collections import defaultdict

import numpy as np

B = 4000
rng = np.random.default_rng(7)

# name: (sizes, values, stderr or None, higher_is_better)
SIZES4 = [1e8, 4e8, 1.6e9, 6.4e9]
SYNTHETIC = {
    # the example: a loss falling steadily over four sizes with errors near 0.02 is standard scaling
    "synthetic-loss-steady": (SIZES4, [3.1, 2.6, 2.2, 1.9], [0.02] * 4, False),
    # accuracy falling with size, errors 0.01: inverse scaling
    "synthetic-inverse": (SIZES4, [0.62, 0.58, 0.53, 0.47], [0.01] * 4, True),
    # down by 0.12, then up by 0.14 over five sizes, errors 0.012: U-shaped
    "synthetic-u": ([1e8, 4e8, 1.6e9, 6.4e9, 2.56e10], [0.60, 0.52, 0.48, 0.55, 0.62], [0.012] * 5, True),
    # wiggles of +-0.05 with errors of 0.05: genuinely noisy, nothing can be said
    "synthetic-flat-noisy": (SIZES4, [0.50, 0.56, 0.47, 0.53], [0.05] * 4, True),
    # within 0.005 with errors of 0.003: flat within the default tolerance 0.03
    "synthetic-flat-precise": (SIZES4, [0.500, 0.503, 0.498, 0.501], [0.003] * 4, True),
    # six sizes, no errors given: sigma estimated from the scatter around a quadratic
    "synthetic-no-errors": ([1e8, 3e8, 1e9, 3e9, 1e10, 3e10], [0.30, 0.37, 0.44, 0.53, 0.57, 0.64], None, True),
}


def pava_chi2(y, w):
    """chi2 of the weighted isotonic (non-decreasing) fit, and the fit."""
    blocks = []  # [weight, mean, count]
    for yi, wi in zip(y, w):
        blocks.append([wi, yi, 1])
        while len(blocks) > 1 and blocks[-2][1] > blocks[-1][1]:
            w2, m2, c2 = blocks.pop()
            w1, m1, c1 = blocks.pop()
            blocks.append([w1 + w2, (w1 * m1 + w2 * m2) / (w1 + w2), c1 + c2])
    fit = np.concatenate([[m] * c for _, m, c in blocks]) if blocks else np.array([])
    return float(np.sum(w * (y - fit) ** 2)) if len(y) else 0.0, fit


def fits_chi2(s, w):
    n = len(s)
    flat = float(np.sum(w * (s - np.sum(w * s) / np.sum(w)) ** 2))
    pos = pava_chi2(s, w)[0]
    inv = pava_chi2(-s, w)[0]
    cap = min(pava_chi2(s[:k], w[:k])[0] + pava_chi2(-s[k:], w[k:])[0] for k in range(n + 1))
    cup = min(pava_chi2(-s[:k], w[:k])[0] + pava_chi2(s[k:], w[k:])[0] for k in range(n + 1))
    return {"flat": flat, "positive": pos, "inverse": inv, "u_shaped": cup, "inverted_u": cap}


def stats(c):
    trend = max(0.0, c["flat"] - min(c["positive"], c["inverse"]))
    turn = max(0.0, min(c["positive"], c["inverse"]) - min(c["u_shaped"], c["inverted_u"]))
    return trend, turn


def sigma_of(uc, y):
    X = np.vstack([np.ones_like(uc), uc, uc**2]).T
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    rss = float(np.sum((y - X @ beta) ** 2))
    return np.sqrt(rss / (len(y) - 3)) if rss > 0 else None


def analyse(sizes, values, se, higher):
    order = np.argsort(sizes)
    sizes = np.asarray(sizes, dtype=float)[order]
    y = np.asarray(values, dtype=float)[order]
    u = np.log10(sizes)
    uc = u - u.mean()
    s = y if higher else -y
    sigma = None
    if se is None:
        sigma = sigma_of(uc, s)
        e = np.full(len(y), sigma)
    else:
        e = np.asarray(se, dtype=float)[order]
    w = 1 / e**2
    c = fits_chi2(s, w)
    trend, turn = stats(c)
    flat_fit = np.full(len(s), np.sum(w * s) / np.sum(w))
    mono = pava_chi2(s, w)[1] if c["positive"] <= c["inverse"] else -pava_chi2(-s, w)[1]

    def p_value(centre, which, observed):
        if observed <= 1e-9:
            return 1.0  # every draw's statistic is >= 0
        hits = 0
        for _ in range(B):
            ys = centre + e * rng.standard_normal(len(s))
            ww = w
            if sigma is not None:
                sd = sigma_of(uc, ys)
                if sd is None:
                    continue
                ww = np.full(len(s), 1 / sd**2)
            t = stats(fits_chi2(ys, ww))[which]
            hits += t >= observed - 1e-9
        return (1 + hits) / (1 + B)

    steps = [float((y[i + 1] - y[i]) / np.sqrt(e[i] ** 2 + e[i + 1] ** 2)) for i in range(len(y) - 1)]
    return {
        "sizes": sizes.tolist(),
        "values": y.tolist(),
        "se": e.tolist(),
        "sigma": sigma,
        "chi2": c,
        "trend": {"statistic": trend, "p_value": p_value(flat_fit, 0, trend)},
        "turn": {"statistic": turn, "p_value": p_value(mono, 1, turn)},
        "steps_z": steps,
    }


cases = {}
for name, (sizes, values, se, higher) in SYNTHETIC.items():
    cases[name] = analyse(sizes, values, se, higher)

rows = list(csv.DictReader(open("test/fixtures/pythia/pythia_v1_lambada_piqa_zeroshot.csv", newline="")))
for task in ("lambada_openai", "piqa"):
    for dedup, family in (("0", "pythia"), ("1", "pythia-deduped")):
        sel = [r for r in rows if r["task"] == task and r["deduped"] == dedup and r["step"] == "143000"]
        cases[f"pythia-{task}-{family}"] = analyse(
            [float(r["params"]) for r in sel], [float(r["accuracy"]) for r in sel], [float(r["stderr"]) for r in sel], True
        )

rows = list(csv.DictReader(open("test/fixtures/emergence/pythia_arithmetic_by_size.csv", newline="")))
for op in ("addition", "multiplication"):
    task = f"arithmetic_{op}_2operand_x1_0to99"
    last = defaultdict(int)
    for r in rows:
        last[r["model"]] = max(last[r["model"]], int(r["step"]))
    by = defaultdict(list)
    params = {}
    for r in rows:
        if r["task"] == task and int(r["step"]) == last[r["model"]]:
            by[r["model"]].append(float(r["value"]))
            params[r["model"]] = float(r["params"])
    models = sorted(by, key=lambda m: params[m])
    vals = [np.mean(by[m]) for m in models]
    ses = [np.std(by[m], ddof=1) / np.sqrt(len(by[m])) for m in models]
    cases[f"arithmetic-{op}"] = analyse([params[m] for m in models], vals, ses, True)

rows = list(csv.DictReader(open("test/fixtures/calibration/boolq_gpt2_per_example.csv", newline="")))
for shots in ("0", "1"):
    by = defaultdict(list)
    params = {}
    for r in rows:
        if r["experiment"] == f"boolq-{shots}shot-gpt2":
            by[r["model"]].append(float(r["correct"]))
            params[r["model"]] = float(r["params"])
    models = sorted(by, key=lambda m: params[m])
    vals = [np.mean(by[m]) for m in models]
    ses = [np.std(by[m], ddof=1) / np.sqrt(len(by[m])) for m in models]
    cases[f"boolq-{shots}shot"] = analyse([params[m] for m in models], vals, ses, True)

with open("test/fixtures/trend/order-test-reference.json", "w") as fh:
    json.dump({"source": "scripts/reference/trend-order-test.py", "bootstrap_draws": B, "cases": cases}, fh, indent=1)
    fh.write("\n")
for name, c in cases.items():
    print(f"{name:38s} trend {c['trend']['statistic']:12.4f} p {c['trend']['p_value']:.4f}   turn {c['turn']['statistic']:10.4f} p {c['turn']['p_value']:.4f}   z {np.round(c['steps_z'], 2).tolist()}")
