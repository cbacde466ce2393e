#!/usr/bin/env python3
"""
Independent SciPy reference for the Chinchilla Approach-3 fit (Hoffmann et al. 2022, arXiv 2203.15556;
Besiroglu et al. 2024, arXiv 2404.10102), used by bench/fit-grid.bench.ts and to produce the numbers the
TypeScript tests pin.

    log L^ = LSE(a - alpha log N, b - beta log D, e),  A = e^a, B = e^b, E = e^e
    huber-sum: minimise sum_i Huber_delta(log L_i - log L^_i), delta = 1e-3, L-BFGS-B with analytic gradient,
               from every point of the 4,500-start grid alpha, beta in {0,..,2}, e in {-1,..,1}, a, b in {0,5,..,25}
    huber-mle: minimise -sum_i log huber_pdf(r_i / sigma) + n log sigma (free scale sigma = e^s), from Hoffmann's values

Usage: python3 fit-chinchilla.py CSV [grid [STRIDE]|mle|bootstrap N SEED|bootstrap-sum N SEED]   (prints one JSON object)
  grid           the 4,500-start Huber-sum fit (or every STRIDE-th start), timed (wall and CPU seconds)
  mle            the Huber-likelihood fit from Hoffmann's values
  bootstrap      N resamples of the likelihood fit, each from the full-data optimum
  bootstrap-sum  N resamples of the Huber-sum fit, each from the full-data optimum (itself from Hoffmann's values), timed
The CSV is Epoch AI's svg_extracted_data.csv; its first 5 data rows are dropped (240 runs), D = C / (6 N).
"""
import csv
import json
import math
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp
from scipy.stats import norm

DELTA = 1e-3
np.seterr(over="ignore", under="ignore")  # far-off grid starts overflow exp(); the fallback below handles it
# tolerances comparable to src/core/fit (relative f change 1e-12 at f ~ 1e-3; SciPy's ftol is absolute below |f| = 1)
TIGHT = {'ftol': 1e-15, 'gtol': 1e-10, 'maxiter': 1000}


def load(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))[5:]
    N = np.array([float(r['Model Size']) for r in rows])
    C = np.array([float(r['Training FLOP']) for r in rows])
    L = np.array([float(r['loss']) for r in rows])
    D = C / (6 * N)
    return np.log(N), np.log(D), np.log(L)


def predict(p, lnN, lnD):
    a, b, e, alpha, beta = p[:5]
    return logsumexp(np.stack([a - alpha * lnN, b - beta * lnD, np.full_like(lnN, e)]), axis=0)


def huber_sum(p, lnN, lnD, lnL):
    a, b, e, alpha, beta = p
    p1 = np.exp(a - alpha * lnN)
    p2 = np.exp(b - beta * lnD)
    p3 = math.exp(e)
    s = p1 + p2 + p3
    if not np.all(np.isfinite(s)) or s.min() <= 1e-280:
        u = np.stack([a - alpha * lnN, b - beta * lnD, np.full_like(lnN, e)])
        m = u.max(axis=0)
        p1, p2, p3 = np.exp(u[0] - m), np.exp(u[1] - m), np.exp(u[2] - m)
        s = p1 + p2 + p3
        lse = m + np.log(s)
    else:
        lse = np.log(s)
    r = lse - lnL
    ar = np.abs(r)
    small = ar <= DELTA
    f = np.where(small, 0.5 * r * r, DELTA * (ar - 0.5 * DELTA)).sum()
    h = np.where(small, r, DELTA * np.sign(r)) / s
    h1 = h * p1
    h2 = h * p2
    g = np.array([h1.sum(), h2.sum(), (h * p3).sum(), -(h1 * lnN).sum(), -(h2 * lnD).sum()])
    return f, g


def grid_starts():
    return [[a, b, e, alpha, beta]
            for alpha in np.arange(0, 2.5, 0.5)
            for beta in np.arange(0, 2.5, 0.5)
            for e in np.arange(-1, 1.5, 0.5)
            for a in np.arange(0, 30, 5)
            for b in np.arange(0, 30, 5)]


def grid_fit(lnN, lnD, lnL, stride=1):
    """L-BFGS-B (SciPy defaults, as Epoch AI's replication) from every stride-th grid start; keep the best successful run."""
    best = None
    starts = grid_starts()[::stride]
    t0 = time.perf_counter()
    for x0 in starts:
        res = minimize(huber_sum, x0, args=(lnN, lnD, lnL), jac=True, method='L-BFGS-B')
        if res.success and (best is None or res.fun < best.fun):
            best = res
    seconds = time.perf_counter() - t0
    return best, seconds, len(starts)


def log_z(delta):
    return math.log(math.sqrt(2 * math.pi) * (1 - 2 * norm.sf(delta)) + 2 * math.exp(-0.5 * delta * delta) / delta)


def huber_nll(p, lnN, lnD, lnL):
    s = p[5]
    sigma = math.exp(s)
    a, b, e, alpha, beta = p[:5]
    u = np.stack([a - alpha * lnN, b - beta * lnD, np.full_like(lnN, e)])
    lse = logsumexp(u, axis=0)
    w = np.exp(u - lse)
    x = (lnL - lse) / sigma
    small = np.abs(x) <= DELTA
    rho = np.where(small, 0.5 * x * x, DELTA * (np.abs(x) - 0.5 * DELTA))
    n = len(lnL)
    f = rho.sum() + n * s + n * log_z(DELTA)
    psi = np.where(small, x, DELTA * np.sign(x))  # d rho / d x
    dl = -psi / sigma  # d f / d lse
    g = np.array([(dl * w[0]).sum(), (dl * w[1]).sum(), (dl * w[2]).sum(), -(dl * w[0] * lnN).sum(), -(dl * w[1] * lnD).sum(),
                  -(psi * x).sum() + n])
    return f, g


HOFFMANN = [math.log(406.401), math.log(410.723), math.log(1.69337), 0.339171, 0.284908]


def mle_fit(lnN, lnD, lnL, start=HOFFMANN):
    r = lnL - predict(np.array(start), lnN, lnD)
    s0 = math.log(max(DELTA * np.abs(r).mean(), 1e-12))
    res = minimize(huber_nll, list(start) + [s0], args=(lnN, lnD, lnL), jac=True, method='L-BFGS-B')
    return res


def named(x):
    return {'E': math.exp(x[2]), 'A': math.exp(x[0]), 'B': math.exp(x[1]), 'alpha': x[3], 'beta': x[4]}


def main():
    path = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else 'grid'
    lnN, lnD, lnL = load(path)
    if mode == 'grid':
        stride = int(sys.argv[3]) if len(sys.argv) > 3 else 1
        c0 = time.process_time()
        best, seconds, count = grid_fit(lnN, lnD, lnL, stride)
        cpu_seconds = time.process_time() - c0
        print(json.dumps({'mode': 'grid', 'starts': count, 'params': named(best.x), 'objective': best.fun, 'seconds': seconds,
                          'cpu_seconds': cpu_seconds}))
    elif mode == 'mle':
        res = mle_fit(lnN, lnD, lnL)
        print(json.dumps({'mode': 'mle', 'params': named(res.x), 'sigma': math.exp(res.x[5]), 'objective': res.fun, 'success': bool(res.success)}))
    elif mode == 'bootstrap':
        count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
        seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        rng = np.random.default_rng(seed)
        full = mle_fit(lnN, lnD, lnL)
        rows = []
        for _ in range(count):
            idx = rng.integers(0, len(lnN), len(lnN))
            res = mle_fit(lnN[idx], lnD[idx], lnL[idx], start=full.x[:5])
            rows.append([math.exp(res.x[2]), math.exp(res.x[0]), math.exp(res.x[1]), res.x[3], res.x[4]])
        se = np.array(rows).std(axis=0, ddof=1)
        print(json.dumps({'mode': 'bootstrap', 'count': count, 'se': dict(zip(['E', 'A', 'B', 'alpha', 'beta'], se.tolist()))}))
    elif mode == 'bootstrap-sum':
        count = int(sys.argv[3]) if len(sys.argv) > 3 else 100
        seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        rng = np.random.default_rng(seed)
        full = minimize(huber_sum, HOFFMANN, args=(lnN, lnD, lnL), jac=True, method='L-BFGS-B', options=TIGHT)
        t0 = time.perf_counter()
        rows = []
        for _ in range(count):
            idx = rng.integers(0, len(lnN), len(lnN))
            res = minimize(huber_sum, full.x, args=(lnN[idx], lnD[idx], lnL[idx]), jac=True, method='L-BFGS-B', options=TIGHT)
            rows.append([math.exp(res.x[2]), math.exp(res.x[0]), math.exp(res.x[1]), res.x[3], res.x[4]])
        seconds = time.perf_counter() - t0
        se = np.array(rows).std(axis=0, ddof=1)
        print(json.dumps({'mode': 'bootstrap-sum', 'count': count, 'seconds': seconds, 'full': named(full.x), 'se': dict(zip(['E', 'A', 'B', 'alpha', 'beta'], se.tolist()))}))


if __name__ == '__main__':
    main()
