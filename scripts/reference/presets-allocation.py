#!/usr/bin/env python3
"""
Independent reference for the allocation presets (src/core/fit/presets.ts, kaplan-overfitting.ts), from the papers:

 - Hoffmann et al. 2022 (arXiv 2203.15556): Approach 1 and 2 frontiers N_opt = k_N C^a, D_opt = C / (6 N_opt),
   a = 0.50 / 0.49 (Table 2), k_N by least squares in log (numpy.linalg.lstsq on log N - a log C) over the rows of
   Table 3 (Approach 1) / Table A3 (Approach 2), typed here from the paper; each row compared with the frontier.
 - Kaplan et al. 2020 (arXiv 2001.08361): N_opt = 1.3e9 (C / PF-day)^0.73, D = C / (6 N) (Section 6.1) against the
   overfitting bound D >~ 5e3 N^0.74 (eq. 4.4): the budget above which the allocation breaks the bound (brentq).

Usage: python3 scripts/reference/presets-allocation.py > test/fixtures/presets/presets-reference.json
"""
import json
import math

import numpy as np
from scipy.optimize import brentq

PF_DAY = 1e15 * 86400
TABLE3 = [(400e6, 1.92e19, 8.0e9), (1e9, 1.21e20, 20.2e9), (10e9, 1.23e22, 205.1e9), (67e9, 5.76e23, 1.5e12), (175e9, 3.85e24, 3.7e12),
          (280e9, 9.90e24, 5.9e12), (520e9, 3.43e25, 11.0e12), (1e12, 1.27e26, 21.2e12), (10e12, 1.30e28, 216.2e12)]
TABLE_A3_APPROACH2 = [(400e6, 1.84e19, 7.7e9), (1e9, 1.20e20, 20.0e9), (10e9, 1.32e22, 219.5e9), (67e9, 6.88e23, 1.7e12), (175e9, 4.54e24, 4.3e12),
                      (280e9, 1.18e25, 7.1e12), (520e9, 4.19e25, 13.4e12), (1e12, 1.59e26, 26.5e12), (10e12, 1.75e28, 292.0e12)]


def frontier(a, rows):
    y = np.array([math.log(n) - a * math.log(c) for n, c, _ in rows])
    log_k = np.linalg.lstsq(np.ones((len(rows), 1)), y, rcond=None)[0][0]
    out = []
    for n, c, d in rows:
        n_opt = math.exp(log_k) * c ** a
        out.append(dict(table_params=n, table_flops=c, table_tokens=d, N_opt=n_opt, D_opt=c / (6 * n_opt), params_ratio=n_opt / n))
    return dict(a=a, k_N=math.exp(log_k), rows=out)


def kaplan(c):
    n = 1.3e9 * (c / PF_DAY) ** 0.73
    return n, c / (6 * n)


def main():
    gap = lambda log_c: math.log(kaplan(10 ** log_c)[1]) - math.log(5e3 * kaplan(10 ** log_c)[0] ** 0.74)
    crossover = 10 ** brentq(gap, 15, 30, xtol=1e-14)
    n, d = kaplan(5.76e23)
    print(json.dumps(dict(
        source='scripts/reference/presets-allocation.py',
        approach1=frontier(0.50, TABLE3),
        approach2=frontier(0.49, TABLE_A3_APPROACH2),
        kaplan=dict(overfit_crossover_flops=crossover, at_5_76e23=dict(N=n, D=d, D_min=5e3 * n ** 0.74)),
    ), indent=1))


if __name__ == '__main__':
    main()
