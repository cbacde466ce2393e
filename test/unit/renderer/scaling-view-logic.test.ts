// Pure parts of the Scaling and Compute views: request options per law, parameter rows and their LaTeX table,
// typed quantities, the budget slider's log scale, and dense-vs-MoE parameter counts.
import { describe, expect, it } from 'vitest'
import type { FitResultInfo } from '../../../src/shared/api'
import { DEFAULT_FIT_SETTINGS, naturalAxis, requestOptions, sameOptions } from '../../../src/renderer/components/scaling/fit-request'
import { paramRows, paramsLatex, pointsTable, quantityKindOf } from '../../../src/renderer/components/scaling/param-rows'
import { parseQuantityText } from '../../../src/renderer/components/scaling/parse-quantity'
import { budgetFromSlider, budgetGrid, sliderFromBudget, PUBLISHED_MODELS } from '../../../src/renderer/components/scaling/budget-scale'
import { compareMoe } from '../../../src/renderer/components/scaling/moe-shape'

// Besiroglu et al. 2024 (arXiv 2404.10102) estimates and standard errors for the Chinchilla law, as a stand-in fit
const fit: FitResultInfo = {
  law: 'chinchilla',
  n_points: 240,
  params: { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
  objective: 0.001,
  se: { E: 0.026, A: 124.5, B: 1293, alpha: 0.015, beta: 0.021 },
  ci: { E: [1.77, 1.87], alpha: [0.32, 0.38], N_opt: [6e10, 9e10] },
  derived: { a: 0.5126, N_opt: 7.2e10, D_opt: 1.33e12 },
  converged: true,
  iterations: 10,
  diagnostics: { ci_level: 0.9 },
}

describe('fit requests', () => {
  it('sends only the options a law reads', () => {
    const s = { ...DEFAULT_FIT_SETTINGS, flopsCutoff: 1e21, bootstrap: 123.4 }
    expect(requestOptions('chinchilla', s, true)).toEqual({ seed: 1, budget: 5.76e23, estimator: 'huber-sum', flopsCutoff: 1e21, bootstrap: 123 })
    expect(requestOptions('kaplan-n', s, false)).toEqual({ seed: 1, budget: 5.76e23, irreducible: false, flopsCutoff: 1e21 })
    expect(requestOptions('isoflop', DEFAULT_FIT_SETTINGS, false)).toEqual({ seed: 1, budget: 5.76e23, isoflopTolerance: 0.05 })
  })
  it('treats requests that differ only in bootstrap size as the same fit', () => {
    expect(sameOptions({ estimator: 'huber-sum', seed: 1, bootstrap: 200 }, { seed: 1, estimator: 'huber-sum' })).toBe(true)
    expect(sameOptions({ irreducible: false }, {})).toBe(true)
    expect(sameOptions({ estimator: 'huber-mle' }, { estimator: 'huber-sum' })).toBe(false)
    expect(sameOptions({ flopsCutoff: 1e21 }, {})).toBe(false)
  })
  it('draws each law against its own variable', () => {
    expect(naturalAxis('kaplan-n')).toBe('params')
    expect(naturalAxis('kaplan-d')).toBe('tokens')
    expect(naturalAxis('chinchilla')).toBe('flops')
    expect(naturalAxis('isoflop')).toBe('flops')
  })
})

describe('parameter rows', () => {
  it('lists parameters, then derived quantities, with SE and interval where the bootstrap gave them', () => {
    const rows = paramRows(fit)
    expect(rows.map((r) => r.name)).toEqual(['E', 'A', 'B', 'alpha', 'beta', 'a', 'N_opt', 'D_opt'])
    expect(rows[0]).toMatchObject({ kind: 'param', value: 1.8172, se: 0.026, lo: 1.77, hi: 1.87 })
    expect(rows[1]).toMatchObject({ se: 124.5, lo: null, hi: null })
    expect(rows.find((r) => r.name === 'N_opt')).toMatchObject({ kind: 'derived', unit: 'params', lo: 6e10 })
    expect(quantityKindOf('D_opt')).toBe('tokens')
    expect(quantityKindOf('C_c')).toBe('flops')
  })
  it('writes a booktabs LaTeX table with the interval level and units', () => {
    const tex = paramsLatex(fit, 'Chinchilla law', 'tab:fit')
    expect(tex).toContain('\\toprule')
    expect(tex).toContain('90\\% interval')
    expect(tex).toContain('alpha & 0.3478 & [0.32, 0.38] & 0.015 \\\\')
    expect(tex).toContain('N\\_opt & 72B & [60B, 90B] & -- \\\\')
    expect(tex).toContain('\\label{tab:fit}')
  })
  it('puts every point in the CSV table with its exclusion and prediction', () => {
    const pts = [
      { runId: 1, run: 'a', family: null, params: 1e8, tokens: 2e9, flops: 1.2e18, loss: 3 },
      { runId: 2, run: 'b', family: 'x', params: 1e9, tokens: 2e10, flops: 1.2e20, loss: 2.5 },
    ]
    const t = pointsTable(pts, [2], (p) => p.params / 1e8)
    expect(t.columns).toEqual(['run', 'family', 'params', 'tokens', 'flops', 'loss', 'excluded', 'predicted'])
    expect(t.rows[1]).toEqual(['b', 'x', 1e9, 2e10, 1.2e20, 2.5, true, 10])
  })
})

describe('typed quantities and the budget scale', () => {
  it('reads counts and compute with the field suffixes', () => {
    expect(parseQuantityText('5.76e23')).toBe(5.76e23)
    expect(parseQuantityText('1.4T')).toBeCloseTo(1.4e12)
    expect(parseQuantityText('70B')).toBe(70e9)
    expect(parseQuantityText(' 300 m ')).toBe(300e6)
    expect(parseQuantityText('1e21 FLOPs')).toBe(1e21)
    expect(parseQuantityText('-3')).toBeNull()
    expect(parseQuantityText('lots')).toBeNull()
    expect(parseQuantityText('')).toBeNull()
  })
  it('maps the slider 18..27 to 1e18..1e27 FLOPs and clamps', () => {
    expect(budgetFromSlider(23)).toBe(1e23)
    expect(budgetFromSlider(40)).toBe(1e27)
    expect(sliderFromBudget(5.76e23)).toBeCloseTo(23.7604, 4)
    expect(sliderFromBudget(1)).toBe(18)
    const g = budgetGrid(18, 27, 10)
    expect(g[0]).toBe(1e18)
    expect(g[9]).toBeCloseTo(1e27, -12)
  })
  it('marks Gopher and Chinchilla with the sizes Hoffmann et al. 2022 give (Table 1 / Section 4)', () => {
    expect(PUBLISHED_MODELS.map((m) => [m.name, m.params, m.tokens])).toEqual([
      ['Gopher', 280e9, 300e9],
      ['Chinchilla', 70e9, 1.4e12],
    ])
  })
})

describe('dense against mixture of experts', () => {
  it('counts total parameters from active ones and keeps FLOPs per token on the active ones (Fedus et al. 2022)', () => {
    // N_total = N_a (1 - f) + E f N_a / k, worked by hand: 1.2e9 (1/3) + 64 (2/3) 1.2e9 = 0.4e9 + 51.2e9
    const c = compareMoe({ activeParams: 1.2e9, experts: 64, expertFraction: 2 / 3, topK: 1 }, 1e21)!
    expect(c.total).toBeCloseTo(51.6e9, -6)
    expect(c.trainFlopsPerToken).toBe(7.2e9)
    expect(c.tokensAtBudget).toBeCloseTo(1e21 / 7.2e9, 0)
    expect(c.ratio).toBeCloseTo(43, 6)
    // a dense model (one expert holding all the FFN) has total = active
    expect(compareMoe({ activeParams: 1e9, experts: 1 }, 1e21)!.total).toBeCloseTo(1e9, 0)
    expect(compareMoe({ activeParams: 1e9, experts: 2, topK: 3 }, 1e21)).toBeNull()
  })
})
