#!/usr/bin/env python3
"""
Independent reference (NumPy / SciPy) for the atlas engines, computed from the shipped resources/atlas CSVs:

- datablations: Muennighoff et al. 2023 (arXiv 2305.16264) eq. 5-7, R_N* and R_D* fitted with the C4 coefficients
  fixed (a, b, e, alpha = beta from the repository's utils/parametric_fit.ipynb cell 29), Huber (delta 1e-3) on
  log-loss residuals, L-BFGS-B from the notebook's start grid R* in {6.67, 13.33, 20}^2 (its 0 starts are undefined);
  R^2 of the law at the paper's and at the fitted values; the lowest objective over a wide log-spaced grid.
- routing: Clark et al. 2022 (arXiv 2202.01169) eq. 1 with the saturating expert transform of the repository's
  example.ipynb, log10 L = a log10 N + b log10 E^ + c log10 N log10 E^ + d, fitted per router with Dense runs
  (final step, routing_frequency 0.5, k 1, seed 42) by variable projection: linear least squares for a..d inside,
  grid over (log2 e_start, log2 e_max) then Nelder-Mead outside; and the Dense-only slope.
- obsscaling: Ruan et al. 2024 (arXiv 2405.10938) PCA imputation (1 component, standardised, clipped to [0, 1])
  then unstandardised PCA on the 77 main-analysis models; PC1 vs log10 FLOPs per family; a FLOP cut-off backtest
  that predicts each benchmark of every model above the cut-off from the other seven through 3 components fitted
  below it.
- olmo-ladder: the 16 fitting ladder runs' FLOPs as a share of the 7B and 13B targets' (Bhagia et al. 2024).

Usage: python3 scripts/reference/atlas-claims.py > test/fixtures/atlas/reference-claims.json
"""
import csv
import json
import os

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'resources', 'atlas')


def rows(name, file):
    with open(os.path.join(ROOT, name, file), newline='') as f:
        return list(csv.DictReader(f))


def col(rs, k):
    return np.array([float(r[k]) if r[k] != '' else np.nan for r in rs])


# ---------------- data-constrained law ----------------
def datablations():
    rs = rows('datablations', 'runs.csv')
    a, b, e, alpha, beta = 6.255414, 7.3049974, 0.6254804, 0.3526596, 0.3526596
    A, B, E = np.exp(a), np.exp(b), np.exp(e)
    G = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
    ea, eb = beta / (alpha + beta), alpha / (alpha + beta)
    N, D, U, L = col(rs, 'params'), col(rs, 'tokens'), col(rs, 'unique_tokens'), col(rs, 'loss_c4')
    UN = np.minimum(N, G * ((G * U) ** (1 / eb)) ** ea)
    RN, RD = np.maximum(N / UN - 1, 0), np.maximum(D / U - 1, 0)

    def pred(rn, rd):
        return E + A / (UN + UN * rn * (1 - np.exp(-RN / rn))) ** alpha + B / (U + U * rd * (1 - np.exp(-RD / rd))) ** beta

    def obj(x):
        return float(huber(1e-3, np.log(pred(x[0], x[1])) - np.log(L)).sum())

    def r2(rn, rd):
        p = pred(rn, rd)
        return float(1 - ((L - p) ** 2).sum() / ((L - L.mean()) ** 2).sum())

    best = None
    for rd0 in (20 / 3, 40 / 3, 20):
        for rn0 in (20 / 3, 40 / 3, 20):
            r = minimize(obj, [rn0, rd0], method='L-BFGS-B', bounds=[(1e-3, 1e4)] * 2, options=dict(ftol=1e-15, gtol=1e-12, maxiter=5000))
            if best is None or r.fun < best.fun:
                best = r
    wide = None
    for lrn in np.linspace(-2, 8, 11):
        for lrd in np.linspace(-2, 8, 11):
            r = minimize(lambda x: obj(np.exp(x)), [lrn, lrd], method='L-BFGS-B', options=dict(ftol=1e-15, gtol=1e-12))
            if np.isfinite(r.fun) and (wide is None or r.fun < wide.fun):
                wide = r
    rn, rd = best.x
    return dict(n_points=len(rs), r_n_star=rn, r_d_star=rd, objective=best.fun, r2_fit=r2(rn, rd), r2_paper=r2(5.309743, 15.387756),
                objective_paper=obj([5.309743, 15.387756]), wide_r_n_star=float(np.exp(wide.x[0])), wide_r_d_star=float(np.exp(wide.x[1])), wide_objective=wide.fun)


# ---------------- routed law ----------------
def saturate(e, es, em):
    es, em = 2.0 ** es, 2.0 ** em
    return 1 / (1 / (e - 1 + 1 / (1 / es - 1 / em)) + 1 / em)


def routing():
    rs = [r for r in rows('routing', 'runs.csv') if r['routing_frequency'] == '0.5' and r['top_k'] == '1' and r['seed'] == '42' and r['loss_validation'] != '']
    dense = [r for r in rs if r['family'] == 'Dense']
    slope, icept = np.polyfit(np.log10(col(dense, 'active_params')), np.log10(col(dense, 'loss_validation')), 1)
    out = dict(dense=dict(n_points=len(dense), a=slope, d=icept))
    for router in ('S-Base', 'RL-R', 'Hash'):
        sel = [r for r in rs if r['family'] in ('Dense', router)]
        n, ex, y = col(sel, 'active_params'), col(sel, 'experts'), np.log10(col(sel, 'loss_validation'))

        def inner(p):
            with np.errstate(all='ignore'):
                eh = saturate(ex, p[0], p[1])
                X = np.c_[np.log10(n), np.log10(eh), np.log10(n) * np.log10(eh), np.ones_like(n)]
                if not np.all(np.isfinite(X)) or np.any(eh <= 0):
                    return np.inf, None
                c, *_ = np.linalg.lstsq(X, y, rcond=None)
                return float(np.mean((X @ c - y) ** 2)), c

        start = None
        for es in np.arange(0, 6.0001, 0.1):
            for em in np.arange(es + 0.5, 14.0001, 0.1):
                m, _ = inner((es, em))
                if np.isfinite(m) and (start is None or m < start[0]):
                    start = (m, es, em)
        r = minimize(lambda p: inner(p)[0], [start[1], start[2]], method='Nelder-Mead', options=dict(xatol=1e-9, fatol=1e-16, maxiter=4000))
        mse, c = inner(r.x)
        out[router] = dict(n_points=len(sel), a=c[0], b=c[1], c=c[2], d=c[3], e_start_log2=r.x[0], e_max_log2=r.x[1], mse_log10=mse)
    return out


# ---------------- observational scaling ----------------
BENCH = ['mmlu', 'arc_c', 'hellaswag', 'winograd', 'truthfulqa', 'gsm8k', 'xwinograd', 'humaneval']


def pca_impute(X, tol=1e-4, max_iter=1000):
    mu, sd = np.nanmean(X, 0), np.nanstd(X, 0)
    Z = (X - mu) / sd
    miss = np.isnan(Z)
    Zi = np.where(miss, np.nanmean(Z, 0), Z)
    for _ in range(max_iter):
        m = Zi.mean(0)
        _, _, Vt = np.linalg.svd(Zi - m, full_matrices=False)
        rec = (Zi - m) @ Vt[:1].T @ Vt[:1] + m
        if np.allclose(Zi, rec, atol=tol):
            break
        Zi[miss] = rec[miss]
    return np.clip(Zi * sd + mu, 0, 1)


def pca(X):
    m = X.mean(0)
    _, s, Vt = np.linalg.svd(X - m, full_matrices=False)
    Vt = Vt * np.where(Vt.sum(1) < 0, -1, 1)[:, None]  # sign: loadings sum positive (higher = more capable)
    return m, s ** 2 / (s ** 2).sum(), Vt


def obsscaling(cutoff=1e23, k=3):
    rs = [r for r in rows('obsscaling', 'models.csv') if r['in_paper_main_analysis'] == '1']
    X = np.array([[float(r['score_' + b]) if r['score_' + b] != '' else np.nan for b in BENCH] for r in rs])
    Xi = pca_impute(X.copy())
    m, evr, Vt = pca(Xi)
    pc1 = (Xi - m) @ Vt[0]
    fam = {}
    for i, r in enumerate(rs):
        if r['flops'] != '':
            fam.setdefault(r['family'], []).append((np.log10(float(r['flops'])), pc1[i]))
    families = {}
    for f, pts in sorted(fam.items()):
        if len(pts) < 3 or len({p[0] for p in pts}) < 2:
            continue
        x, y = np.array(pts).T
        s, c = np.polyfit(x, y, 1)
        res = y - (s * x + c)
        families[f] = dict(n=len(pts), slope=s, intercept=c, r2=float(1 - (res ** 2).sum() / ((y - y.mean()) ** 2).sum()))
    # backtest
    fl = np.array([float(r['flops']) if r['flops'] != '' else np.nan for r in rs])
    below, above = np.where(fl < cutoff)[0], np.where(fl >= cutoff)[0]
    Xb = pca_impute(X[below].copy())
    mb, _, Vb = pca(Xb)
    V = Vb[:k]
    errs = []
    for i in above:
        x = X[i]
        for j in range(len(BENCH)):
            if np.isnan(x[j]):
                continue
            obs = [t for t in range(len(BENCH)) if t != j and not np.isnan(x[t])]
            z, *_ = np.linalg.lstsq(V[:, obs].T, x[obs] - mb[obs], rcond=None)
            errs.append(float(np.clip(mb[j] + V[:, j] @ z, 0, 1) - x[j]))
    errs = np.array(errs)
    return dict(n_models=len(rs), evr=evr[:4].tolist(), cum3=float(evr[:3].sum()), families=families,
                backtest=dict(cutoff=cutoff, components=k, n_fit=len(below), n_held_out=len(above), n_predictions=len(errs),
                              mae=float(np.abs(errs).mean()), rmse=float(np.sqrt((errs ** 2).mean()))))


# ---------------- OLMo ladder ----------------
def olmo():
    rs = rows('olmo-ladder', 'runs.csv')
    ladder = sum(float(r['flops']) for r in rs if r['in_paper_main_fit'] == '1' and r['is_target'] == '0')
    targets = {r['name']: float(r['flops']) for r in rs if r['is_target'] == '1' and r['in_paper_main_fit'] == '1'}
    return dict(ladder_flops=ladder, n_ladder=sum(1 for r in rs if r['in_paper_main_fit'] == '1' and r['is_target'] == '0'), targets=targets,
                share_pct=100 * ladder / sum(targets.values()))


def plain(o):
    if isinstance(o, dict):
        return {k: plain(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [plain(v) for v in o]
    if isinstance(o, np.generic):
        return o.item()
    return o


print(json.dumps(plain(dict(datablations=datablations(), routing=routing(), obsscaling=obsscaling(), olmo=olmo())), indent=1))
