/**
 * One specification of the audit on real data: the 240 Chinchilla runs (test/fixtures/chinchilla; Hoffmann et al.
 * 2022 Fig. 4 as reconstructed by Epoch AI). Published: Besiroglu et al. 2024 (arXiv 2404.10102) Huber-sum grid fit
 * E 1.817, A 478, B 2143, alpha 0.3473, beta 0.3672, and their likelihood fit from Hoffmann's values E 1.817,
 * A 482.0, B 2085, alpha 0.3478, beta 0.3658. Least squares on log loss: SciPy's least_squares
 * (scripts/reference/multiverse-least-squares.py writes test/fixtures/multiverse/least-squares-reference.json).
 * The derived quantities follow Hoffmann et al. eq. 4, recomputed here.
 */
import { describe, expect, it } from 'vitest'
import { runSpec } from '../../../src/core/multiverse/run-spec'
import type { SpecChoices } from '../../../src/core/multiverse/types'
import { loadChinchilla } from '../fit/chinchilla-data'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const LS_REFERENCE = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'multiverse', 'least-squares-reference.json'), 'utf8')) as {
  params: Record<string, number>
  a: number
  tokens_per_param: number
}

const points = loadChinchilla()
const c = (over: Partial<SpecChoices>): SpecChoices => ({ approach: '3', estimator: 'huber-1e-3', points: 'all', n_definition: 'total', flops: null, start: 'grid', ...over })

function ok(out: ReturnType<typeof runSpec>) {
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

describe('an Approach-3 specification on the Chinchilla runs', () => {
  it('Huber sum (delta 1e-3) from the full grid is the published grid fit', () => {
    const r = ok(runSpec(points, c({}), 0, 5.76e23))
    expect(r.converged).toBe(true)
    expect(r.params.E).toBeCloseTo(1.817, 2)
    expect(Math.abs(r.params.A / 478 - 1)).toBeLessThan(0.005)
    expect(Math.abs(r.params.B / 2143 - 1)).toBeLessThan(0.005)
    expect(r.params.alpha).toBeCloseTo(0.3473, 3)
    expect(r.params.beta).toBeCloseTo(0.3672, 3)
    expect(r.a).toBeCloseTo(r.params.beta / (r.params.alpha + r.params.beta), 12)
  }, 60_000)

  it('the Huber likelihood from Hoffmann\'s values is the published likelihood fit', () => {
    const r = ok(runSpec(points, c({ estimator: 'huber-mle', start: 'hoffmann' }), 1, 5.76e23))
    expect(r.params.E).toBeCloseTo(1.817, 2)
    expect(Math.abs(r.params.A / 482.0 - 1)).toBeLessThan(0.005)
    expect(Math.abs(r.params.B / 2085 - 1)).toBeLessThan(0.005)
    expect(r.params.alpha).toBeCloseTo(0.3478, 3)
    expect(r.params.beta).toBeCloseTo(0.3658, 3)
  }, 60_000)

  it('least squares on log loss from the full grid is SciPy\'s least-squares optimum', () => {
    const r = ok(runSpec(points, c({ estimator: 'least-squares' }), 4, 5.76e23))
    expect(r.converged).toBe(true)
    for (const k of ['E', 'A', 'B', 'alpha', 'beta']) expect(Math.abs(r.params[k] / LS_REFERENCE.params[k] - 1)).toBeLessThan(1e-5)
    expect(Math.abs(r.a! - LS_REFERENCE.a)).toBeLessThan(1e-6)
    expect(Math.abs(r.tokens_per_param! / LS_REFERENCE.tokens_per_param - 1)).toBeLessThan(1e-4)
  }, 60_000)

  it('reports tokens per parameter and loss at the budget asked (Hoffmann et al. eq. 4)', () => {
    const r = ok(runSpec(points, c({ start: 'hoffmann' }), 2, 1e22))
    const { E, A, B, alpha, beta } = r.params
    const G = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta))
    const N = G * Math.pow(1e22 / 6, beta / (alpha + beta))
    const D = Math.pow(1e22 / 6, alpha / (alpha + beta)) / G
    expect(r.tokens_per_param! / (D / N) - 1).toBeLessThan(1e-9)
    expect(r.loss_at_budget! / (E + A / Math.pow(N, alpha) + B / Math.pow(D, beta)) - 1).toBeLessThan(1e-9)
  }, 60_000)

  it('comes back as a reason, not a number, when the data cannot support the specification', () => {
    const out = runSpec(points.slice(0, 4), c({}), 3, 5.76e23)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.reason).toMatch(/at least 6/)
  })
})
