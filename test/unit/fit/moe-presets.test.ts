import { describe, expect, it } from 'vitest'
import { denseVsRouted, inferenceFlopsPerToken, moeParameterCounts, routedLoss, trainingFlopsPerToken } from '../../../src/core/fit/moe'
import { getPreset, PRESETS } from '../../../src/core/fit/presets'

describe('mixture-of-experts arithmetic (Fedus et al. 2022)', () => {
  it('counts FLOPs per token from active parameters: 6 N training, 2 N inference', () => {
    expect(trainingFlopsPerToken(1e9)).toBe(6e9)
    expect(inferenceFlopsPerToken(1e9)).toBe(2e9)
  })

  it('grows total but not active parameters with the number of experts', () => {
    const dense = moeParameterCounts({ activeParams: 1e9, experts: 1 })
    expect(dense.total).toBeCloseTo(1e9, 0)
    const moe = moeParameterCounts({ activeParams: 1e9, experts: 64 })
    // 1/3 shared + 64 experts of 2/3 B each
    expect(moe.total).toBeCloseTo(1e9 / 3 + (64 * 2e9) / 3, -3)
    expect(moe.active).toBe(1e9)
    expect(() => moeParameterCounts({ activeParams: 1e9, experts: 0 })).toThrow()
  })

  it('compares dense and routed models at equal compute', () => {
    const law = { a: -0.082, b: -0.108, c: 0.009, d: 1.104 }
    const rows = denseVsRouted(law, 1e21, 1e9, [1, 8, 64])
    expect(rows.map((r) => r.tokens)).toEqual([1e21 / 6e9, 1e21 / 6e9, 1e21 / 6e9])
    expect(rows[0].loss).toBeCloseTo(routedLoss(law, 1e9, 1), 12)
    expect(rows[0].dense_equivalent_params / 1e9).toBeCloseTo(1, 8)
    // more experts, lower loss, a larger dense equivalent
    expect(rows[2].loss).toBeLessThan(rows[1].loss)
    expect(rows[2].dense_equivalent_params).toBeGreaterThan(rows[1].dense_equivalent_params)
  })
})

describe('presets', () => {
  it('carry the published values and citations', () => {
    // Hoffmann et al. 2022 (unrounded, as quoted by Besiroglu et al. 2024); Besiroglu et al. 2024; Kaplan et al. 2020
    expect(PRESETS.chinchilla.params).toEqual({ E: 1.69337, A: 406.401, B: 410.723, alpha: 0.339171, beta: 0.284908 })
    expect(PRESETS.besiroglu.params).toEqual({ E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 })
    expect(PRESETS.kaplan.params.alpha_N).toBe(0.076)
    expect(PRESETS.kaplan.params.N_c).toBe(8.8e13)
    expect(PRESETS.kaplan.params.alpha_D).toBe(0.095)
    expect(PRESETS.kaplan.params.D_c).toBe(5.4e13)
    expect(PRESETS.kaplan.params.alpha_C).toBe(0.05)
    expect(PRESETS.kaplan.params.C_c_pf_days).toBe(3.1e8)
    expect(PRESETS.kaplan.params.allocation_exponent).toBe(0.73)
    for (const p of Object.values(PRESETS)) expect(p.citation).toMatch(/arXiv:\d{4}\.\d{5}/)
    expect(getPreset('besiroglu')).toBe(PRESETS.besiroglu)
    expect(getPreset('nope')).toBeUndefined()
  })
})
