/**
 * Reference values: scripts/reference/fit-allocation.py (SciPy, from the papers' formulas) unless a paper is named.
 */
import { describe, expect, it } from 'vitest'
import { allocationExponents, CHINCHILLA_BUDGET, chinchillaAllocation, chinchillaExponents, gopherVsChinchilla, numericAllocation } from '../../../src/core/fit/allocation'
import { chinchillaLoss } from '../../../src/core/fit/chinchilla-law'
import { dataConstrainedAllocation, dataConstrainedLoss, effectiveRepeated } from '../../../src/core/fit/data-constrained'
import { inferenceAwareAllocation, inferenceAwareAtBudget } from '../../../src/core/fit/inference-allocation'
import { lawModel, presetModel } from '../../../src/core/fit/law-model'
import { PRESETS } from '../../../src/core/fit/presets'

const hoffmann = PRESETS.chinchilla.params
const besiroglu = PRESETS.besiroglu.params
const rel = (a: number, b: number): number => Math.abs(a / b - 1)

describe('compute-optimal allocation (Hoffmann et al. 2022)', () => {
  it('gives a = 0.46, b = 0.54 for Hoffmann\'s Approach 3 (Table 2) and a = 0.51 for Besiroglu et al.', () => {
    const h = chinchillaExponents(hoffmann)
    expect(h.a).toBeCloseTo(0.46, 2)
    expect(h.b).toBeCloseTo(0.54, 2)
    expect(chinchillaExponents(besiroglu).a).toBeCloseTo(0.51, 2)
  })

  it('matches the SciPy reference at 5.76e23 FLOPs', () => {
    const h = chinchillaAllocation(hoffmann, 5.76e23)
    expect(rel(h.N_opt, 40360201358.49342)).toBeLessThan(1e-9)
    expect(rel(h.D_opt, 2378580799121.7427)).toBeLessThan(1e-9)
    expect(h.loss).toBeCloseTo(1.91840905626943, 12)
    const b = chinchillaAllocation(besiroglu, 5.76e23)
    expect(rel(b.N_opt, 72248702500.38242)).toBeLessThan(1e-9)
    expect(b.tokens_per_param).toBeCloseTo(18.391244955314203, 8)
  })

  it('finds the same optimum numerically as in closed form, and local exponents equal a and b', () => {
    const loss = (N: number, D: number): number => chinchillaLoss(besiroglu, N, D)
    const numeric = numericAllocation(loss, 5.76e23)
    const closed = chinchillaAllocation(besiroglu, 5.76e23)
    expect(rel(numeric.N_opt, closed.N_opt)).toBeLessThan(1e-6)
    const e = allocationExponents((C) => numericAllocation(loss, C), 1e22)
    expect(e.a).toBeCloseTo(chinchillaExponents(besiroglu).a, 5)
  })

  it('puts Chinchilla (70B, 1.4T) ahead of Gopher (280B, 300B) at 5.76e23 FLOPs under both fits', () => {
    for (const [p, gopherLoss, chinchillaLossRef] of [
      [hoffmann, 1.9672412580833907, 1.920843254691393],
      [besiroglu, 1.9996076823444233, 1.9738818631585637],
    ] as const) {
      const model = lawModel({ law: 'chinchilla', params: { ...p } })
      const cmp = gopherVsChinchilla(model.lossND!, model.allocate!)
      expect(cmp.budget).toBe(CHINCHILLA_BUDGET)
      expect(cmp.gopher.loss).toBeCloseTo(gopherLoss, 12)
      expect(cmp.chinchilla.loss).toBeCloseTo(chinchillaLossRef, 12)
      expect(cmp.chinchilla.loss).toBeLessThan(cmp.gopher.loss)
      // 6ND is 5.04e23 for Gopher and 5.88e23 for Chinchilla; neither beats the optimum at its own compute
      expect(cmp.optimal.loss).toBeLessThan(cmp.gopher.loss)
      expect(model.allocate!(cmp.chinchilla.flops).loss).toBeLessThanOrEqual(cmp.chinchilla.loss)
      expect(cmp.chinchilla.tokens_per_param).toBeCloseTo(20, 0)
    }
    // Besiroglu's fit puts the optimum near Chinchilla's own size (about 20 tokens per parameter)
    expect(chinchillaAllocation(besiroglu, 5.76e23).tokens_per_param).toBeGreaterThan(15)
    expect(chinchillaAllocation(besiroglu, 5.76e23).tokens_per_param).toBeLessThan(25)
  })

  it('follows Kaplan\'s N proportional to C^0.73 for the Kaplan preset', () => {
    const m = presetModel(PRESETS.kaplan)
    const e = allocationExponents(m.allocate!, 1e21)
    expect(e.a).toBeCloseTo(0.73, 6)
    expect(e.b).toBeCloseTo(0.27, 6)
  })

  it('rejects budgets that are not positive', () => {
    expect(() => chinchillaAllocation(hoffmann, 0)).toThrow(/budget/)
    expect(() => chinchillaAllocation(hoffmann, NaN)).toThrow(/budget/)
  })
})

describe('inference-aware allocation (Sardana et al. 2024)', () => {
  const target = 2.1149132184999386 // Chinchilla-optimal loss of Hoffmann's law at 1e22 FLOPs (reference script)

  it('reduces to the Chinchilla optimum without inference demand', () => {
    const r = inferenceAwareAtBudget(hoffmann, 1e22, 0)
    expect(r.target_loss).toBeCloseTo(target, 12)
    expect(rel(r.N, 6342719146.039151)).toBeLessThan(1e-5)
    expect(rel(r.total_flops, 1e22)).toBeLessThan(1e-9)
  })

  it('trains smaller models longer as inference demand grows, matching the SciPy reference', () => {
    const r12 = inferenceAwareAllocation(hoffmann, 1e12, target)
    expect(rel(r12.N, 3328245946.537302)).toBeLessThan(1e-5)
    expect(rel(r12.D_train, 588815607248.4387)).toBeLessThan(1e-5)
    expect(rel(r12.total_flops, 1.84148308415697e22)).toBeLessThan(1e-9)
    const r13 = inferenceAwareAllocation(hoffmann, 1e13, target)
    expect(rel(r13.N, 1847521769.6252222)).toBeLessThan(1e-5)
    expect(r13.N).toBeLessThan(r12.N)
    expect(r13.total_flops).toBeLessThan(r13.chinchilla_total_flops)
    expect(chinchillaLoss(hoffmann, r13.N, r13.D_train)).toBeCloseTo(target, 10)
  })

  it('refuses a target below the irreducible loss', () => {
    expect(() => inferenceAwareAllocation(hoffmann, 1e12, 1.5)).toThrow(/irreducible/)
  })
})

describe('data-constrained allocation (Muennighoff et al. 2023)', () => {
  it('decays repeated data: D\' = U + U R* (1 - exp(-R / R*))', () => {
    expect(effectiveRepeated(100, 10, 15.4)).toBeCloseTo(78.15554309934693, 10)
    expect(effectiveRepeated(50, 10, 5.3)).toBeCloseTo(38.082386262302364, 10)
    expect(effectiveRepeated(5, 10, 15.4)).toBe(5)
  })

  it('equals the unconstrained optimum when unique data exceed the optimal tokens', () => {
    const free = chinchillaAllocation(hoffmann, 1e22)
    const r = dataConstrainedAllocation(hoffmann, 1e22, 10 * free.D_opt)
    expect(rel(r.N_opt, free.N_opt)).toBeLessThan(1e-4)
    expect(r.epochs).toBeLessThan(1)
  })

  it('repeats data and loses quality when unique data are scarce', () => {
    const free = chinchillaAllocation(hoffmann, 1e22)
    const scarce = dataConstrainedAllocation(hoffmann, 1e22, free.D_opt / 20)
    expect(scarce.epochs).toBeGreaterThan(1)
    expect(scarce.loss).toBeGreaterThan(free.loss)
    // the loss at the chosen point is the data-constrained loss, and never below the unconstrained law
    expect(scarce.loss).toBeCloseTo(dataConstrainedLoss(hoffmann, scarce.N_opt, scarce.D_opt, free.D_opt / 20), 12)
    expect(scarce.loss).toBeGreaterThanOrEqual(chinchillaLoss(hoffmann, scarce.N_opt, scarce.D_opt))
  })
})
