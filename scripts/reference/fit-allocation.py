#!/usr/bin/env python3
"""
Independent reference values for src/core/fit/allocation.ts, inference-allocation.ts and data-constrained.ts,
computed with NumPy/SciPy from the formulas as the papers state them (used by test/unit/fit/allocation.test.ts).

 - Hoffmann et al. 2022 (arXiv 2203.15556) closed form: G = (alpha A / (beta B))^(1/(alpha+beta)),
   N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b, a = beta/(alpha+beta), b = alpha/(alpha+beta)
 - Sardana et al. 2024 (arXiv 2401.00448): minimise 6 N D_tr + 2 N D_inf s.t. L(N, D_tr) = target
 - Muennighoff et al. 2023 (arXiv 2305.16264): D' = U + U R_D* (1 - exp(-R_D / R_D*)), likewise N'

Usage: python3 fit-allocation.py   (prints JSON)
"""
import json
import math

from scipy.optimize import minimize_scalar

PRESETS = {
    'hoffmann': dict(E=1.69337, A=406.401, B=410.723, alpha=0.339171, beta=0.284908),
    'besiroglu': dict(E=1.8172, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658),
}


def loss(p, N, D):
    return p['E'] + p['A'] / N ** p['alpha'] + p['B'] / D ** p['beta']


def closed_form(p, C):
    s = p['alpha'] + p['beta']
    a, b = p['beta'] / s, p['alpha'] / s
    G = (p['alpha'] * p['A'] / (p['beta'] * p['B'])) ** (1 / s)
    N = G * (C / 6) ** a
    D = (C / 6) ** b / G
    return dict(a=a, b=b, G=G, N_opt=N, D_opt=D, tokens_per_param=D / N, loss=loss(p, N, D))


def numeric(p, C):
    # brute force over log N, independent of the closed form
    res = minimize_scalar(lambda x: loss(p, math.exp(x), C / (6 * math.exp(x))), bounds=(math.log(1e6), math.log(C / 6) - 1), method='bounded', options={'xatol': 1e-10})
    N = math.exp(res.x)
    return dict(N_opt=N, D_opt=C / (6 * N), loss=res.fun)


def sardana(p, inference_tokens, target):
    def d_train(N):
        rest = target - p['E'] - p['A'] / N ** p['alpha']
        return (p['B'] / rest) ** (1 / p['beta']) if rest > 0 else float('inf')
    n_min = (p['A'] / (target - p['E'])) ** (1 / p['alpha'])
    res = minimize_scalar(lambda x: 6 * math.exp(x) * d_train(math.exp(x)) + 2 * math.exp(x) * inference_tokens,
                          bounds=(math.log(n_min) + 1e-9, math.log(n_min) + math.log(1e6)), method='bounded', options={'xatol': 1e-11})
    N = math.exp(res.x)
    return dict(N=N, D_train=d_train(N), total_flops=res.fun)


def effective(total, unique, r_star):
    if total <= unique:
        return total
    return unique + unique * r_star * (1 - math.exp(-(total / unique - 1) / r_star))


def main():
    out = {}
    for name, p in PRESETS.items():
        out[name] = dict(at_5_76e23=closed_form(p, 5.76e23), numeric_5_76e23=numeric(p, 5.76e23),
                         gopher_loss=loss(p, 280e9, 300e9), chinchilla_loss=loss(p, 70e9, 1.4e12))
    p = PRESETS['hoffmann']
    target = closed_form(p, 1e22)['loss']
    out['sardana_hoffmann_1e22'] = {str(t): sardana(p, t, target) for t in [0.0, 1e12, 1e13]}
    out['sardana_hoffmann_1e22']['target'] = target
    out['muennighoff'] = dict(effective_100_10_15_4=effective(100.0, 10.0, 15.4), effective_50_10_5_3=effective(50.0, 10.0, 5.3))
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
