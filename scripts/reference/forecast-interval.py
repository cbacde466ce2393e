#!/usr/bin/env python3
"""
Independent NumPy/SciPy reference for the predictive interval of src/core/fit/forecast-interval.ts, written as the
fixture test/fixtures/forecast/chinchilla-forecast-reference.json that test/unit/fit/forecast-interval.test.ts reads.

Data: Epoch AI's reconstruction of Hoffmann et al. 2022 Fig. 4 (test/fixtures/chinchilla/svg_extracted_data.csv,
240 runs). Fit: Approach 3, sum of Huber(1e-3) losses of log residuals (fit-chinchilla.py's huber_sum, L-BFGS-B),
full data from Hoffmann's values; B resamples of the runs (indices from numpy default_rng(SEED), written to the
fixture), each fitted from the full-data optimum. For each budget C:
    N_k, D_k = G (C/6)^a, G^-1 (C/6)^b   (Hoffmann eq. 4, resample k's parameters)
    L_k = E + A N_k^-alpha + B D_k^-beta,  Y_k = L_k exp(r_j(k)),  r = log L - log L^(full fit)
with j(k) drawn uniformly by the same generator (written to the fixture); intervals are the 2.5 and 97.5
percentiles (numpy 'linear', the definition src/core/numeric/stats.ts uses).

Usage: python3 scripts/reference/forecast-interval.py [B] [SEED]   (run from the repository root)
"""
import importlib.util
import json
import math
import os
import sys

import numpy as np
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
spec = importlib.util.spec_from_file_location('fitchin', os.path.join(HERE, 'fit-chinchilla.py'))
fc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fc)

BUDGETS = [5.76e23, 1e25]
LEVEL = 0.95


def allocation(x, C):
    A, B, E, alpha, beta = math.exp(x[0]), math.exp(x[1]), math.exp(x[2]), x[3], x[4]
    G = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
    N = G * (C / 6) ** (beta / (alpha + beta))
    D = (C / 6) ** (alpha / (alpha + beta)) / G
    return N, D, E + A / N ** alpha + B / D ** beta


def interval(values):
    q = (1 - LEVEL) / 2
    return [float(np.quantile(values, q)), float(np.quantile(values, 1 - q))]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 13
    lnN, lnD, lnL = fc.load(os.path.join(ROOT, 'test', 'fixtures', 'chinchilla', 'svg_extracted_data.csv'))
    n = len(lnN)
    rng = np.random.default_rng(seed)
    full = minimize(fc.huber_sum, fc.HOFFMANN, args=(lnN, lnD, lnL), jac=True, method='L-BFGS-B', options=fc.TIGHT)
    residuals = lnL - fc.predict(full.x, lnN, lnD)
    resamples, picks, xs = [], [], []
    for _ in range(count):
        idx = rng.integers(0, n, n)
        res = minimize(fc.huber_sum, full.x, args=(lnN[idx], lnD[idx], lnL[idx]), jac=True, method='L-BFGS-B', options=fc.TIGHT)
        resamples.append(idx.tolist())
        xs.append(res.x)
    picks = rng.integers(0, n, count).tolist()
    budgets = []
    for C in BUDGETS:
        N0, D0, L0 = allocation(full.x, C)
        draws = np.array([allocation(x, C) for x in xs])
        predictive = draws[:, 2] * np.exp(residuals[picks])
        budgets.append({'flops': C, 'loss': L0, 'N_opt': N0, 'D_opt': D0,
                        'loss_interval': interval(predictive), 'law_interval': interval(draws[:, 2]),
                        'N_interval': interval(draws[:, 0]), 'D_interval': interval(draws[:, 1])})
    out = {'source': 'scripts/reference/forecast-interval.py', 'data': 'test/fixtures/chinchilla/svg_extracted_data.csv (240 runs)',
           'seed': seed, 'level': LEVEL, 'full': fc.named(full.x), 'resample_indices': resamples, 'residual_indices': picks,
           'budgets': budgets}
    path = os.path.join(ROOT, 'test', 'fixtures', 'forecast', 'chinchilla-forecast-reference.json')
    with open(path, 'w') as f:
        json.dump(out, f)
        f.write('\n')
    print(json.dumps({'written': path, 'full': out['full'], 'budgets': budgets}))


if __name__ == '__main__':
    main()
