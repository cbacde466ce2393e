#!/usr/bin/env python3
"""Independent reference for the Curves engine (src/core/curves, src/shared/smoothing.ts), with numpy only.

1. Seed band on real runs: the OLMo ladder's 190M-1xC and its second seed 190M-1xC-rerun (Bhagia et al. 2024,
   arXiv 2412.04403; /work/shared/data/atlas/bhagia2024-olmo-ladder/checkpoints.csv), C4 cross-entropy `ce_c4_en`
   (nats/token) against tokens. The two runs log at different checkpoints (36 and 72), so the common grid is the
   union of both runs' tokens inside their overlap [max first x, min last x]; each run is interpolated linearly
   there (numpy.interp); the line is the mean, the bands min-max and mean +- sample std (ddof=1).
   Writes the slice test/fixtures/curves/olmo-190m-seeds.csv (those two runs and 190M-2xC, which differs in tokens).
2. Min-max per pixel column (M4, Jugel et al. 2014): x cut into `columns` equal bins (equal in log10 x on a log
   axis), each bin keeps its first, last, argmin and argmax (first occurrence); the window [lo, hi] keeps also the
   last point before and the first after it.
3. TensorBoard's debiased EMA: last = last*w + (1-w)*y; smoothed = last / (1 - w^k).

Writes test/fixtures/curves/curves-reference.json.
Usage: python3 scripts/reference/curves-band.py [CHECKPOINTS_CSV]
"""
import csv
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'test', 'fixtures', 'curves')
SRC = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/atlas/bhagia2024-olmo-ladder/checkpoints.csv'
RUNS = ['190M-1xC', '190M-1xC-rerun', '190M-2xC']


def read_runs():
    runs = {r: [] for r in RUNS}
    with open(SRC, newline='') as f:
        for row in csv.DictReader(f):
            if row['run_id'] in runs and row['ce_c4_en']:
                runs[row['run_id']].append((float(row['tokens']), float(row['ce_c4_en'])))
    for r in RUNS:
        runs[r].sort()
    return runs


def write_slice(runs):
    with open(os.path.join(OUT, 'olmo-190m-seeds.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['run', 'tokens', 'ce_c4_en'])
        for r in RUNS:
            for t, v in runs[r]:
                w.writerow([r, repr(t) if t != int(t) else int(t), repr(v)])


def seed_band(runs):
    a = np.array(runs['190M-1xC'])
    b = np.array(runs['190M-1xC-rerun'])
    lo = max(a[0, 0], b[0, 0])
    hi = min(a[-1, 0], b[-1, 0])
    grid = np.unique(np.concatenate([a[:, 0], b[:, 0]]))
    grid = grid[(grid >= lo) & (grid <= hi)]
    ys = np.vstack([np.interp(grid, a[:, 0], a[:, 1]), np.interp(grid, b[:, 0], b[:, 1])])
    mean = ys.mean(axis=0)
    sd = ys.std(axis=0, ddof=1)
    return {'overlap': [lo, hi], 'x': grid.tolist(), 'mean': mean.tolist(), 'stdLo': (mean - sd).tolist(), 'stdHi': (mean + sd).tolist(),
            'min': ys.min(axis=0).tolist(), 'max': ys.max(axis=0).tolist()}


def minmax(x, y, lo, hi, columns, log):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    inside = np.nonzero((x >= lo) & (x <= hi))[0]
    keep = set()
    before = np.nonzero(x < lo)[0]
    after = np.nonzero(x > hi)[0]
    if before.size:
        keep.add(int(before[-1]))
    if after.size:
        keep.add(int(after[0]))
    t = np.log10 if log else (lambda v: v)
    if inside.size <= 4 * columns:
        keep.update(int(i) for i in inside)
    else:
        bins = np.minimum(columns - 1, np.floor((t(x[inside]) - t(lo)) * columns / (t(hi) - t(lo))).astype(int))
        for b in np.unique(bins):
            idx = inside[bins == b]
            keep.update([int(idx[0]), int(idx[-1]), int(idx[np.argmin(y[idx])]), int(idx[np.argmax(y[idx])])])
    return sorted(keep)


def sampling_cases():
    rng = np.random.default_rng(14)
    x = np.arange(1, 2001, dtype=float)
    y = 3 + 2 / np.sqrt(x) + 0.01 * rng.standard_normal(x.size)
    y[1234] = 9.5  # a loss spike that must survive sampling
    y[777] = 0.5
    xl = np.logspace(0, 6, 3000)
    yl = 2 + 5 * xl ** -0.3 + 0.02 * rng.standard_normal(xl.size)
    return [
        {'name': 'linear-whole', 'x': x.tolist(), 'y': y.tolist(), 'lo': 1, 'hi': 2000, 'columns': 50, 'log': False},
        {'name': 'linear-window', 'x': x.tolist(), 'y': y.tolist(), 'lo': 700.5, 'hi': 1500, 'columns': 60, 'log': False},
        {'name': 'log-whole', 'x': xl.tolist(), 'y': yl.tolist(), 'lo': float(xl[0]), 'hi': float(xl[-1]), 'columns': 80, 'log': True},
        {'name': 'few-points', 'x': x[:100].tolist(), 'y': y[:100].tolist(), 'lo': 10, 'hi': 60, 'columns': 50, 'log': False},
    ]


def ema(y, w):
    out, last, k = [], 0.0, 0
    for v in y:
        last = last * w + (1 - w) * v
        k += 1
        out.append(last / (1 - w ** k))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    runs = read_runs()
    write_slice(runs)
    cases = sampling_cases()
    for c in cases:
        c['keep'] = minmax(c['x'], c['y'], c['lo'], c['hi'], c['columns'], c['log'])
    ys = [4.1, 3.7, 3.9, 3.2, 3.0, 3.3, 2.8, 2.9, 2.6, 2.7]
    ref = {
        'seedBand': seed_band(runs),
        'sampling': cases,
        'ema': [{'weight': w, 'y': ys, 'smoothed': ema(ys, w)} for w in (0.6, 0.9, 0.99)],
    }
    with open(os.path.join(OUT, 'curves-reference.json'), 'w') as f:
        json.dump(ref, f)
        f.write('\n')


if __name__ == '__main__':
    main()
