/** Laws recovered from synthetic runs generated with known parameters (seeded noise). */
import { describe, expect, it } from 'vitest'
import { runFit } from '../../../src/core/fit/fit-runner'
import { chinchillaAllocation } from '../../../src/core/fit/allocation'
import { chinchillaLoss } from '../../../src/core/fit/chinchilla-law'
import { kaplanJointLoss } from '../../../src/core/fit/kaplan-joint'
import { routedLoss } from '../../../src/core/fit/moe'
import { seededRandom } from '../../../src/core/random'
import type { ScalingPoint } from '../../../src/core/fit/types'
import { isoflopSweep, logUniform, syntheticRuns } from './synthetic'

const rel = (a: number, b: number): number => Math.abs(a / b - 1)

describe('Kaplan single-variable power laws', () => {
  it('recovers L(N) = (N_c / N)^alpha_N with Kaplan\'s values under 1 % noise', () => {
    const truth = { alpha: 0.076, Nc: 8.8e13 }
    const points = syntheticRuns((N) => Math.pow(truth.Nc / N, truth.alpha), { n: 60, seed: 11, noise: 0.01, nRange: [1e6, 1e10] })
    const r = runFit('kaplan-n', points)
    expect(Math.abs(r.params.alpha_N - truth.alpha)).toBeLessThan(0.003)
    expect(Math.abs(Math.log10(r.params.N_c / truth.Nc))).toBeLessThan(0.5)
    expect(r.params.E).toBeUndefined()
  })

  it('recovers L(D) and L(C) exactly without noise', () => {
    const dPoints = syntheticRuns((_N, D) => Math.pow(5.4e13 / D, 0.095), { n: 20, seed: 3, noise: 0 })
    const d = runFit('kaplan-d', dPoints)
    expect(d.params.alpha_D).toBeCloseTo(0.095, 10)
    expect(rel(d.params.D_c, 5.4e13)).toBeLessThan(1e-8)
    const cPoints = syntheticRuns((N, D) => Math.pow(3.1e8 * 8.64e19 / (6 * N * D), 0.05), { n: 20, seed: 4, noise: 0 })
    const c = runFit('kaplan-c', cPoints)
    expect(c.params.alpha_C).toBeCloseTo(0.05, 10)
    expect(c.derived.C_c_pf_days / 3.1e8).toBeCloseTo(1, 6)
  })

  it('recovers L(N) = E + (N_c / N)^alpha with an irreducible term', () => {
    const truth = { E: 1.7, Nc: 1e11, alpha: 0.3 }
    const points = syntheticRuns((N) => truth.E + Math.pow(truth.Nc / N, truth.alpha), { n: 50, seed: 5, noise: 0.002, nRange: [1e6, 1e11] })
    const r = runFit('kaplan-n', points, { irreducible: true })
    expect(Math.abs(r.params.E - truth.E)).toBeLessThan(0.03)
    expect(Math.abs(r.params.alpha_N - truth.alpha)).toBeLessThan(0.02)
    expect(r.derived.loss_10x).toBeGreaterThan(truth.E)
  })
})

describe('joint Kaplan L(N, D)', () => {
  it('recovers alpha_N, alpha_D, N_c, D_c', () => {
    const truth = { alpha_N: 0.076, alpha_D: 0.103, N_c: 6.4e13, D_c: 1.8e13 }
    const points = syntheticRuns((N, D) => kaplanJointLoss(truth, N, D), { n: 80, seed: 9, noise: 0.002, nRange: [1e6, 1e10], dRange: [1e7, 1e11] })
    const r = runFit('kaplan-nd', points)
    expect(Math.abs(r.params.alpha_N - truth.alpha_N)).toBeLessThan(0.005)
    expect(Math.abs(r.params.alpha_D - truth.alpha_D)).toBeLessThan(0.01)
    expect(Math.abs(Math.log10(r.params.N_c / truth.N_c))).toBeLessThan(0.5)
    expect(Math.abs(Math.log10(r.params.D_c / truth.D_c))).toBeLessThan(0.5)
    expect(r.derived.N_opt).toBeGreaterThan(0)
  })
})

const law = { E: 1.8, A: 480, B: 2000, alpha: 0.35, beta: 0.36 }
const lossND = (N: number, D: number): number => chinchillaLoss(law, N, D)
const budgets = [1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21]
const nOpt = (C: number): number => chinchillaAllocation(law, C).N_opt

describe('Chinchilla Approach 2 (IsoFLOP) on synthetic sweeps', () => {
  it('recovers the allocation exponents of the generating law, a = beta / (alpha + beta)', () => {
    const points = isoflopSweep(lossND, budgets, nOpt, { noise: 0.001, seed: 2 })
    const r = runFit('isoflop', points)
    const expectedA = law.beta / (law.alpha + law.beta)
    // a parabola in log N only approximates each profile, so allow 0.02
    expect(Math.abs(r.params.a - expectedA)).toBeLessThan(0.02)
    expect(Math.abs(r.params.b - (1 - expectedA))).toBeLessThan(0.02)
    expect(rel(r.derived.N_opt, chinchillaAllocation(law, 5.76e23).N_opt)).toBeLessThan(0.25)
    const groups = (r.diagnostics as { groups: { vertex?: { N: number } }[] }).groups
    expect(groups.length).toBe(budgets.length)
    expect(groups.every((g) => g.vertex !== undefined)).toBe(true)
  })

  it('groups budgets that are only nearly equal (jittered FLOPs within the tolerance)', () => {
    const rng = seededRandom(5)
    const points = isoflopSweep(lossND, budgets, nOpt, { noise: 0.001, seed: 3 }).map((p) => {
      const jitter = Math.pow(10, 0.03 * (2 * rng.next() - 1))
      return { ...p, flops: p.flops * jitter, tokens: p.tokens * jitter }
    })
    const r = runFit('isoflop', points, { isoflopTolerance: 0.05 })
    expect((r.diagnostics as { groups: unknown[] }).groups.length).toBe(budgets.length)
    expect(Math.abs(r.params.a - law.beta / (law.alpha + law.beta))).toBeLessThan(0.03)
  })
})

describe('Chinchilla Approach 1 (envelope) on synthetic training curves', () => {
  it('recovers the allocation exponent from the lower envelope of curves of many sizes', () => {
    const points: ScalingPoint[] = []
    for (let k = 0; k < 40; k++) {
      const N = 1e7 * Math.pow(10, (4 * k) / 39)
      // each run: checkpoints from 1e8 tokens to 1e13 tokens
      for (let j = 0; j <= 50; j++) {
        const D = 1e8 * Math.pow(10, (5 * j) / 50)
        points.push({ run: `n${k}`, params: N, tokens: D, flops: 6 * N * D, loss: lossND(N, D) })
      }
    }
    const r = runFit('envelope', points.filter((p) => p.flops >= 1e18 && p.flops <= 1e22))
    expect(Math.abs(r.params.a - law.beta / (law.alpha + law.beta))).toBeLessThan(0.03)
    expect(r.params.a + r.params.b).toBeCloseTo(1, 1)
    // no envelope point beats the law's compute-optimal loss at its compute, and each is within 0.5 % of it
    const envelope = (r.diagnostics as { envelope: { flops: number; loss: number }[] }).envelope
    expect(envelope.length).toBeGreaterThan(30)
    for (const e of envelope) {
      const best = chinchillaAllocation(law, e.flops).loss
      expect(e.loss).toBeGreaterThanOrEqual(best * (1 - 1e-9))
      expect(e.loss / best - 1).toBeLessThan(0.005)
    }
  })
})

describe('routed law (Clark et al. 2022)', () => {
  it('recovers a, b, c, d by least squares', () => {
    const truth = { a: -0.082, b: -0.108, c: 0.009, d: 1.104 }
    const rng = seededRandom(21)
    const points: ScalingPoint[] = []
    for (const E of [1, 4, 16, 64, 256]) {
      for (let k = 0; k < 6; k++) {
        const N = logUniform(rng, 1e7, 1e10)
        points.push({ run: `e${E}-${k}`, params: N * E, activeParams: N, experts: E, tokens: 1e11, flops: 6e11 * N, loss: routedLoss(truth, N, E) * Math.exp(0.001 * rng.normal()) })
      }
    }
    const r = runFit('routed', points)
    expect(r.params.a).toBeCloseTo(truth.a, 2)
    expect(r.params.b).toBeCloseTo(truth.b, 2)
    expect(r.params.c).toBeCloseTo(truth.c, 2)
    expect(r.params.d).toBeCloseTo(truth.d, 1)
  })
})

describe('Approaches 1 and 2 on the Chinchilla reconstruction', () => {
  it('give allocation exponents near Hoffmann et al.\'s Table 2 (Approach 1: a = 0.50 within 0.05; Approach 2: a = 0.49 within 0.1)', async () => {
    // the reconstructed FLOPs do not form clean IsoFLOP groups: they are binned at +-0.05 dex (the default). Using only
    // budgets whose minimum is bracketed (isoflop-bracketing.test.ts pins the exact value to scripts/reference/fit-isoflop.py),
    // the noisy reconstruction gives a = 0.56, above the paper's 0.49 (interval 0.462-0.534): the lab reports it, it does not tune to it
    const { loadChinchilla } = await import('./chinchilla-data')
    const points = loadChinchilla()
    const iso = runFit('isoflop', points)
    expect(Math.abs(iso.params.a - 0.49)).toBeLessThan(0.1)
    expect((iso.diagnostics as { groups: unknown[] }).groups.length).toBeGreaterThan(5)
    const env = runFit('envelope', points)
    expect(Math.abs(env.params.a - 0.5)).toBeLessThan(0.05)
  })
})
