/** The Gauss-Newton pieces against direct computation: gradients by finite differences, Sherman-Morrison by refactoring J^T J. */
import { describe, expect, it } from 'vitest'
import { chinchillaLoss } from '../../../src/core/fit/chinchilla-law'
import { addRun, localUncertainty, logLossGradient } from '../../../src/core/plan/gauss-newton'
import { candidateRuns, naiveNextSize } from '../../../src/core/plan/candidates'

// Hoffmann et al. 2022's fitted law (eq. 10): E 1.69, A 406.4, B 410.7, alpha 0.34, beta 0.28
const law = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }
const ladder = [1e7, 3e7, 1e8, 3e8].flatMap((N) => [10, 20, 40].map((m) => ({ params: N, tokens: m * N })))
const residuals = ladder.map((_, i) => 0.01 * Math.sin(3 * i + 1))

describe('Gauss-Newton uncertainty of the Chinchilla law', () => {
  it('has the gradient of log L in [a, b, e, alpha, beta] (central differences)', () => {
    const N = 2e8
    const D = 3e9
    const g = logLossGradient(law, N, D)
    const f = (x: number[]): number => Math.log(chinchillaLoss({ A: Math.exp(x[0]), B: Math.exp(x[1]), E: Math.exp(x[2]), alpha: x[3], beta: x[4] }, N, D))
    const x = [Math.log(law.A), Math.log(law.B), Math.log(law.E), law.alpha, law.beta]
    x.forEach((_, i) => {
      const up = x.slice()
      const down = x.slice()
      up[i] += 1e-6
      down[i] -= 1e-6
      expect(g[i]).toBeCloseTo((f(up) - f(down)) / 2e-6, 6)
    })
  })

  it('updates the forecast variance for a new run exactly as refitting J^T J with its row', () => {
    const now = localUncertainty(law, ladder, residuals, 1e22)
    const extra = { params: 1e9, tokens: 5e9 }
    const updated = addRun(now, logLossGradient(law, extra.params, extra.tokens))
    // same sigma^2, one more row: Cov' = sigma^2 (J^T J + j j^T)^-1
    const sigma2 = now.sigma2
    const direct = localUncertainty(law, [...ladder, extra], [...residuals, 0], 1e22)
    const rescale = sigma2 / direct.sigma2
    expect(updated.paramVar).toBeCloseTo(direct.paramVar * rescale, 10)
    expect(updated.paramVar).toBeLessThan(now.paramVar)
  })

  it('refuses too few runs and a ladder that cannot separate the parameters', () => {
    expect(() => localUncertainty(law, ladder.slice(0, 5), residuals.slice(0, 5), 1e22)).toThrow(/more than 5 runs/)
    const one = [1, 2, 3, 4, 5, 6].map(() => ({ params: 1e8, tokens: 2e9 }))
    expect(() => localUncertainty(law, one, [0.01, -0.01, 0.02, -0.02, 0.01, 0], 1e22)).toThrow(/do not determine/)
  })
})

describe('candidate runs and the naive next size', () => {
  it('keeps the grid inside the spend, the size bounds and the allowed sizes', () => {
    const spend = 1e20
    const runs = candidateRuns({ spendFlops: spend, maxParams: 5e8 }, ladder)
    expect(runs.length).toBeGreaterThan(10)
    for (const r of runs) {
      expect(r.flops).toBeLessThanOrEqual(spend)
      expect(r.flops).toBeCloseTo(6 * r.params * r.tokens, -3)
      expect(r.params).toBeLessThanOrEqual(5e8)
      expect(r.params).toBeGreaterThanOrEqual(1e7)
    }
    const allowed = candidateRuns({ spendFlops: spend, sizes: [1.2e8, 7e8] }, ladder)
    expect(new Set(allowed.map((r) => r.params))).toEqual(new Set([1.2e8, 7e8]))
    expect(() => candidateRuns({ spendFlops: 1e10 }, ladder)).toThrow(/No candidate run fits the spend/)
  })

  it('takes one more size up the ladder at its tokens per parameter, scaled to the spend', () => {
    const n = naiveNextSize(ladder, 6 * 9e8 * 20 * 9e8)
    expect(n.ratio).toBeCloseTo(Math.cbrt(30), 10)
    expect(n.tokens_per_param).toBe(20)
    expect(n.next_params).toBeCloseTo(3e8 * Math.cbrt(30), 0)
    expect(n.runs[0].flops / (6 * 9e8 * 20 * 9e8)).toBeCloseTo(1, 6)
    expect(n.runs[0].tokens / n.runs[0].params).toBeCloseTo(20, 6)
  })
})
