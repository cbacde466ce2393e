#!/usr/bin/env python3
"""
Independent SciPy reference for the robustness audit's least-squares estimator on the 240 Chinchilla runs
(Hoffmann et al. 2022, arXiv 2203.15556, eq. 2; data: Epoch AI's svg_extracted_data.csv, first 5 data rows dropped,
D = C / (6 N)):

    minimise sum_i (log L_i - LSE(a - alpha log N_i, b - beta log D_i, e))^2 / 2,  A = e^a, B = e^b, E = e^e

by scipy.optimize.least_squares (trust-region reflective, Jacobian by finite differences) from every 5th start of
Hoffmann's 4,500-point grid (alpha, beta in {0,..,2}, e in {-1,..,1}, a, b in {0,5,..,25}), keeping the best; then
a = beta / (alpha + beta) and tokens per parameter at C = 5.76e23 from eq. 4.
Writes test/fixtures/multiverse/least-squares-reference.json.
Usage: python3 scripts/reference/multiverse-least-squares.py
"""
import csv
import json
import math
import os

import numpy as np
from scipy.optimize import least_squares
from scipy.special import logsumexp

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
CSV = os.path.join(ROOT, 'test', 'fixtures', 'chinchilla', 'svg_extracted_data.csv')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'multiverse', 'least-squares-reference.json')
BUDGET = 5.76e23

rows = list(csv.DictReader(open(CSV)))[5:]
N = np.array([float(r['Model Size']) for r in rows])
C = np.array([float(r['Training FLOP']) for r in rows])
L = np.array([float(r['loss']) for r in rows])
D = C / (6 * N)
lN, lD, lL = np.log(N), np.log(D), np.log(L)


def residuals(x):
    a, b, e, alpha, beta = x
    pred = logsumexp(np.stack([a - alpha * lN, b - beta * lD, np.full_like(lN, e)]), axis=0)
    return pred - lL


best = None
k = 0
for alpha in [0, 0.5, 1, 1.5, 2]:
    for beta in [0, 0.5, 1, 1.5, 2]:
        for e in [-1, -0.5, 0, 0.5, 1]:
            for a in [0, 5, 10, 15, 20, 25]:
                for b in [0, 5, 10, 15, 20, 25]:
                    k += 1
                    if k % 5:
                        continue
                    r = least_squares(residuals, [a, b, e, alpha, beta], xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=4000)
                    f = 0.5 * float(np.sum(r.fun ** 2))
                    if math.isfinite(f) and (best is None or f < best[0]):
                        best = (f, r.x)

f, (a, b, e, alpha, beta) = best
A, B, E = math.exp(a), math.exp(b), math.exp(e)
G = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
Nopt = G * (BUDGET / 6) ** (beta / (alpha + beta))
Dopt = (BUDGET / 6) ** (alpha / (alpha + beta)) / G
out = {
    'source': 'scripts/reference/multiverse-least-squares.py (scipy.optimize.least_squares from every 5th grid start)',
    'objective': f,
    'params': {'E': E, 'A': A, 'B': B, 'alpha': alpha, 'beta': beta},
    'a': beta / (alpha + beta),
    'tokens_per_param': Dopt / Nopt,
    'budget': BUDGET,
}
json.dump(out, open(OUT, 'w'), indent=2)
print(json.dumps(out))
