#!/usr/bin/env python3
"""
Independent reference for src/core/fit/isoflop.ts and compute-groups.ts (Chinchilla Approach 2, Hoffmann et al. 2022,
arXiv 2203.15556, Section 3.2) on the reconstructed Chinchilla data (Epoch AI, Besiroglu et al. 2024), written with
NumPy from the rule as the lab states it, not from the TypeScript:

 - budgets: mode seeking in log10 C (take the run with the most runs within +-0.05 dex, make them a group, repeat
   while a group would have at least 3 runs; ties: the smaller C);
 - per budget: if any run with the lowest loss is the smallest or the largest model, skip ('minimum-at-edge');
   else fit L = c0 + c1 x + c2 x^2 (x = log10 N, numpy.polyfit) on the lowest-loss run (the smallest on ties) and up
   to 2 neighbouring runs on each side in order of size; c2 <= 0: skip ('opens-downward'); vertex outside the fitted
   sizes: skip ('vertex-outside'); else use N_opt = 10^(-c1 / 2 c2), D_opt = C / (6 N_opt);
 - a, b: least-squares slopes of log N_opt and log D_opt against log C over the used budgets.

Usage: python3 scripts/reference/fit-isoflop.py > test/fixtures/chinchilla/isoflop-reference.json
"""
import csv
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, '..', '..', 'test', 'fixtures', 'chinchilla', 'svg_extracted_data.csv')
TOL = 0.05
SIDE = 2


def load():
    with open(CSV) as f:
        rows = list(csv.DictReader(f))
    return [dict(run='row%d' % i, N=float(r['Model Size']), C=float(r['Training FLOP']), L=float(r['loss'])) for i, r in enumerate(rows)]


def groups(runs):
    remaining = sorted(range(len(runs)), key=lambda i: runs[i]['C'])
    out = []
    while remaining:
        logs = np.log10([runs[i]['C'] for i in remaining])
        counts = [int(np.sum(np.abs(logs - c) <= TOL + 1e-12)) for c in logs]
        best = int(np.argmax(counts))
        if counts[best] < 3:
            break
        members = [remaining[k] for k in range(len(remaining)) if abs(logs[k] - logs[best]) <= TOL + 1e-12]
        out.append(dict(flops=float(10 ** np.mean(np.log10([runs[i]['C'] for i in members]))), members=members))
        remaining = [i for i in remaining if i not in members]
    return sorted(out, key=lambda g: g['flops'])


def budget(runs, g):
    m = sorted(g['members'], key=lambda i: (np.log10(runs[i]['N']), runs[i]['L']))
    x = np.log10([runs[i]['N'] for i in m])
    y = np.array([runs[i]['L'] for i in m])
    out = dict(flops=g['flops'], runs=len(m))
    if len(set(np.round(x, 9))) < 3:
        return dict(out, used=False, reason='too-few-sizes')
    lowest = np.flatnonzero(y == y.min())
    if any(x[r] == x[0] or x[r] == x[-1] for r in lowest):
        return dict(out, used=False, reason='minimum-at-edge')
    r = int(lowest[0])
    lo, hi = max(0, r - SIDE), min(len(m), r + SIDE + 1)
    c2, c1, c0 = np.polyfit(x[lo:hi], y[lo:hi], 2)
    out['fitted'] = [runs[i]['run'] for i in m[lo:hi]]
    if not c2 > 0:
        return dict(out, used=False, reason='opens-downward')
    v = -c1 / (2 * c2)
    if not (x[lo:hi].min() <= v <= x[lo:hi].max()):
        return dict(out, used=False, reason='vertex-outside')
    return dict(out, used=True, N_opt=float(10 ** v), loss=float(c0 - c1 * c1 / (4 * c2)))


def main():
    runs = load()
    per = [budget(runs, g) for g in groups(runs)]
    used = [p for p in per if p['used']]
    C = np.log10([p['flops'] for p in used])
    a = np.polyfit(C, np.log10([p['N_opt'] for p in used]), 1)[0]
    b = np.polyfit(C, np.log10([p['flops'] / (6 * p['N_opt']) for p in used]), 1)[0]
    print(json.dumps(dict(source='scripts/reference/fit-isoflop.py on test/fixtures/chinchilla/svg_extracted_data.csv (all 245 rows)',
                          tolerance=TOL, window_side=SIDE, a=float(a), b=float(b), budgets=per), indent=1))


if __name__ == '__main__':
    main()
