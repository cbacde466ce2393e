/**
 * The specifications of the robustness audit (src/core/multiverse/specs.ts, point-sets.ts): which choices the data
 * allow, what each point set removes, and that every skipped choice says why. Runs generated here: 5 sizes x 4 token
 * counts, recording N, non-embedding N (0.8 N), D and C = 6ND, with losses from a Chinchilla-form law.
 */
import { describe, expect, it } from 'vitest'
import { enumerateSpecs, pointsForSpec } from '../../../src/core/multiverse/specs'
import { dataVariant, flopFloor, pointSets } from '../../../src/core/multiverse/point-sets'
import type { AuditPoint, SkippedSpec } from '../../../src/core/multiverse/types'

function runs(over: Partial<AuditPoint> = {}): AuditPoint[] {
  const out: AuditPoint[] = []
  for (const N of [3e7, 1e8, 3e8, 1e9, 3e9])
    for (const r of [4, 12, 36, 108]) {
      const D = N * r
      out.push({ run: `s-${N}-${r}`, params: N, nonEmbeddingParams: 0.8 * N, tokens: D, flops: 6 * N * D * 1.1, loss: 1.9 + 300 / Math.pow(N, 0.32) + 2500 / Math.pow(D, 0.36), flopsRecorded: true, tokensRecorded: true, ...over })
    }
  return out
}

describe('the point sets', () => {
  const v = dataVariant(runs(), 'total', 'recorded')
  const sets = pointSets(v, [])
  const byLevel = new Map(sets.map((s) => [s.level, s.points]))
  it('drop the k highest-loss runs for k = 1..5', () => {
    const byLoss = [...v.points].sort((p, q) => q.loss - p.loss)
    for (let k = 1; k <= 5; k++) {
      const kept = byLevel.get(`drop-top-${k}`)!
      expect(kept.length).toBe(20 - k)
      expect(kept.map((p) => p.run)).not.toContain(byLoss[k - 1].run)
      expect(kept.map((p) => p.run)).toContain(byLoss[k].run)
    }
  })
  it('drop every run of the smallest size', () => {
    const kept = byLevel.get('drop-smallest')!
    expect(kept.length).toBe(16)
    expect(Math.min(...kept.map((p) => p.params))).toBe(1e8)
  })
  it('drop the runs below the top of the lowest budget decade', () => {
    const cMin = Math.min(...v.points.map((p) => p.flops))
    const floor = flopFloor(v.points)
    expect(floor).toBe(Math.pow(10, Math.floor(Math.log10(cMin)) + 1))
    expect(byLevel.get('flop-floor')!.every((p) => p.flops >= floor)).toBe(true)
    expect(byLevel.get('flop-floor')!.length).toBe(v.points.filter((p) => p.flops >= floor).length)
  })
  it('skip the floor, with the reason, when every run lies in the lowest decade', () => {
    const skipped: SkippedSpec[] = []
    const one = dataVariant(runs().map((p) => ({ ...p, flops: 2e21 })), 'total', 'recorded')
    expect(pointSets(one, skipped).map((s) => s.level)).not.toContain('flop-floor')
    expect(skipped[0].reason).toMatch(/every run lies in the lowest budget decade \(below 1e\+22 FLOPs\)/)
  })
})

describe('the specifications', () => {
  it('vary N and FLOPs only where every run records them, Approach 3 over FLOPs only through the floor', () => {
    const e = enumerateSpecs({ law: 'chinchilla', points: runs(), budget: 5.76e23 })
    const ns = new Set(e.specs.map((s) => s.choices.n_definition))
    expect([...ns].sort()).toEqual(['non-embedding', 'total'])
    expect(e.skipped.find((s) => s.choices.n_definition === 'active')!.reason).toMatch(/active parameters are missing for 20 of 20 runs/)
    // per N definition: recorded C: 8 point sets x (Approaches 1, 2 + 4 estimators x 2 starts);
    // 6ND: 8 point sets x (Approaches 1, 2) + the floor's 8 Approach-3 specifications
    expect(e.specs.length).toBe(2 * (8 * 10 + 8 * 2 + 8))
    const a3 = e.specs.filter((s) => s.choices.approach === '3')
    expect(a3.filter((s) => s.choices.flops !== null).every((s) => s.choices.points === 'flop-floor')).toBe(true)
    expect(e.specs.filter((s) => s.choices.approach !== '3').every((s) => s.choices.estimator === null && s.choices.start === null)).toBe(true)
    expect(new Set(e.specs.map((s) => JSON.stringify(s.choices))).size).toBe(e.specs.length)
  })
  it('skip 6ND when the catalog derived the FLOPs, or derived the tokens from them', () => {
    const derivedC = enumerateSpecs({ law: 'chinchilla', points: runs({ flopsRecorded: false }), budget: 5.76e23 })
    expect(derivedC.skipped.find((s) => s.choices.flops === '6ND')!.reason).toMatch(/20 of 20 runs record no FLOPs/)
    const derivedD = enumerateSpecs({ law: 'chinchilla', points: runs({ tokensRecorded: false }), budget: 5.76e23 })
    expect(derivedD.skipped.find((s) => s.choices.flops === '6ND')!.reason).toMatch(/6ND equals the recorded FLOPs/)
    expect(derivedD.specs.every((s) => s.choices.flops !== '6ND')).toBe(true)
  })
  it('give each specification its points: the chosen N, and C = 6ND when asked', () => {
    const input = { law: 'chinchilla', points: runs(), budget: 5.76e23 }
    const pts = pointsForSpec(input, { approach: '2', estimator: null, points: 'all', n_definition: 'non-embedding', flops: '6ND', start: null })
    expect(pts[0].params).toBe(0.8 * 3e7)
    expect(pts[0].flops).toBeCloseTo(6 * 0.8 * 3e7 * 3e7 * 4, -3)
  })
})
