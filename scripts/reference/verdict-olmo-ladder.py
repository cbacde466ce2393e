#!/usr/bin/env python3
"""
Independent reference for the leave-one-out check of src/core/fit/verdict-checks.ts on real data: the Approach-3
(Chinchilla) Huber-sum fit of the OLMo model ladder (Bhagia et al. 2024, arXiv 2412.04403; 25 training runs, final C4
loss), with every run and without the run the TypeScript check singles out (190M-10xC: the smallest model trained
longest), each by the full 4,500-start SciPy grid of scripts/reference/fit-chinchilla.py (no warm start).

Usage: python3 scripts/reference/verdict-olmo-ladder.py > test/fixtures/atlas/olmo-ladder-verdict.json
"""
import csv
import importlib.util
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, '..', '..', 'test', 'fixtures', 'atlas', 'olmo-ladder-runs.csv')
spec = importlib.util.spec_from_file_location('fit_chinchilla', os.path.join(HERE, 'fit-chinchilla.py'))
fc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fc)


def load():
    with open(CSV) as f:
        rows = [r for r in csv.DictReader(f) if r['role'] == 'ladder (train)' and r['is_rerun'] == 'False']
    return rows


def fit(rows):
    lnN = np.log([float(r['params_n']) for r in rows])
    lnD = np.log([float(r['tokens_final']) for r in rows])
    lnL = np.log([float(r['ce_c4_en_final']) for r in rows])
    best, _, _ = fc.grid_fit(lnN, lnD, lnL)
    return dict(fc.named(best.x), objective=float(best.fun))


def main():
    rows = load()
    without = [r for r in rows if r['run_id'] != '190M-10xC']
    print(json.dumps(dict(source='scripts/reference/verdict-olmo-ladder.py', runs=len(rows), full=fit(rows), without_190M_10xC=fit(without)), indent=1))


if __name__ == '__main__':
    main()
