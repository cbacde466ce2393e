#!/usr/bin/env python3
"""Independent reference for the trend evidence pinned in test/unit/analysis/trend-reference.test.ts.

Pythia v1 lambada_openai, final checkpoint (step 143000), per family (deduped 0 / 1): weighted least squares
of accuracy on u = log10(params) (weights 1 / stderr^2) for the line a + b u and the quadratic
a + b (u - mean u) + c (u - mean u)^2, with the overdispersion max(1, chi^2 / df) of each fit.
Prints slope b (line), its standard error (scaled), curvature c and vertex -b_q / (2c) + mean u as params.

Usage: python3 scripts/reference/analysis-trend.py [path]
"""
import csv
import sys

import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/pythia/pythia_v1_lambada_piqa_zeroshot.csv"
rows = [r for r in csv.DictReader(open(path, newline="")) if r["task"] == "lambada_openai" and r["step"] == "143000"]
for dedup in ("0", "1"):
    sel = sorted((r for r in rows if r["deduped"] == dedup), key=lambda r: float(r["params"]))
    u = np.log10([float(r["params"]) for r in sel])
    y = np.array([float(r["accuracy"]) for r in sel])
    w = 1 / np.array([float(r["stderr"]) for r in sel]) ** 2
    uc = u - u.mean()

    def wls(cols):
        X = np.vstack(cols).T
        xtwx_inv = np.linalg.inv(X.T @ (w[:, None] * X))
        beta = xtwx_inv @ X.T @ (w * y)
        chi2 = float(np.sum(w * (y - X @ beta) ** 2))
        phi = max(1.0, chi2 / (len(y) - X.shape[1]))
        return beta, np.sqrt(np.diag(xtwx_inv) * phi), phi

    lb, lse, lphi = wls([np.ones_like(uc), uc])
    qb, qse, qphi = wls([np.ones_like(uc), uc, uc**2])
    vertex = 10 ** (u.mean() - qb[1] / (2 * qb[2]))
    print(f"deduped={dedup}\tslope={lb[1]:.10f}\tslope_se={lse[1]:.10f}\tphi_line={lphi:.10f}\tcurvature={qb[2]:.10f}\tcurvature_se={qse[2]:.10f}\tvertex={vertex:.6e}")
