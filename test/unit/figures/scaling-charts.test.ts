/**
 * The shared scaling charts (src/shared/figures/scaling-charts.ts) and their law evaluator: the evaluator must agree
 * with the engine (src/core/fit/law-model.ts) for every law, and the options must carry what the views rely on
 * (point ids for click-to-exclude, excluded runs apart, the extrapolation dashed, residuals, log axes).
 */
import { describe, expect, it } from 'vitest'
import { lawModel } from '../../../src/core/fit/law-model'
import { PRESETS } from '../../../src/core/fit/presets'
import { allocateLaw, predictLawLoss, type LawId } from '../../../src/shared/figures/scaling-law-eval'
import { computeAllocationOption, isoflopOption, scalingLawOption } from '../../../src/shared/figures/scaling-charts'
import type { FitResultInfo, ScalingPointInfo } from '../../../src/shared/api/fit'

const LAWS: { law: LawId; params: Record<string, number> }[] = [
  { law: 'kaplan-n', params: { alpha_N: 0.076, N_c: 8.8e13, E: 0.5 } },
  { law: 'kaplan-d', params: { alpha_D: 0.095, D_c: 5.4e13 } },
  { law: 'kaplan-c', params: { alpha_C: 0.05, C_c: 2.7e28 } },
  { law: 'kaplan-nd', params: { alpha_N: 0.076, alpha_D: 0.095, N_c: 8.8e13, D_c: 5.4e13 } },
  { law: 'chinchilla', params: { ...PRESETS.besiroglu.params } },
  { law: 'isoflop', params: { a: 0.49, b: 0.51, k_N: 0.1, k_D: 1.6, alpha_L: 0.05, k_L: 30 } },
  { law: 'routed', params: { a: -0.08, b: -0.01, c: 0.001, d: 1.3 } },
  { law: 'kaplan', params: { ...PRESETS.kaplan.params } },
]

const query = { params: 7e10, tokens: 1.4e12, flops: 5.88e23, experts: 8, activeParams: 7e10 }

describe('scaling-law evaluator', () => {
  for (const l of LAWS) {
    it(`${l.law}: predicts and allocates as the engine does`, () => {
      const model = lawModel(l)
      expect(predictLawLoss(l, query)).toBeCloseTo(model.predict(query), 10)
      const mine = allocateLaw(l, 5.76e23)
      if (!model.allocate) {
        expect(mine).toBeNull()
        return
      }
      const theirs = model.allocate(5.76e23)
      expect(mine!.N_opt / theirs.N_opt).toBeCloseTo(1, 4)
      expect(mine!.D_opt / theirs.D_opt).toBeCloseTo(1, 4)
      expect(mine!.loss).toBeCloseTo(theirs.loss, 6)
    })
  }
})

const points: ScalingPointInfo[] = [1e8, 2e8, 4e8, 8e8, 1.6e9].map((N, i) => {
  const D = 20 * N
  const p = PRESETS.chinchilla.params
  return { runId: i + 1, run: `r${i}`, family: null, params: N, tokens: D, flops: 6 * N * D, loss: p.E + p.A / N ** p.alpha + p.B / D ** p.beta + (i === 4 ? 0.2 : 0) }
})
const fit: FitResultInfo = { law: 'chinchilla', n_points: 4, params: { ...PRESETS.chinchilla.params }, objective: 0, derived: {}, converged: true, iterations: 1 }

describe('scalingLawOption', () => {
  it('draws runs with their ids, excluded runs apart, the law solid then dashed, and residuals on log axes', () => {
    const o = scalingLawOption(points, fit, { x: 'flops', excluded: [5] }) as unknown as { series: { id?: string; type: string; data: unknown[]; lineStyle?: { type?: unknown }; xAxisIndex?: number }[]; xAxis: { type: string }[] }
    const pts = o.series.find((s) => s.id === 'points')!
    expect(pts.data).toHaveLength(4)
    expect((pts.data[0] as { value: number[] }).value[2]).toBe(1)
    expect((o.series.find((s) => s.id === 'excluded')!.data[0] as { name: string }).name).toBe('r4')
    const lines = o.series.filter((s) => s.type === 'line')
    expect(lines.some((s) => s.lineStyle?.type === 'dashed')).toBe(true)
    const res = o.series.find((s) => s.id === 'residuals')!
    expect(res.data).toHaveLength(4)
    for (const d of res.data as { value: number[] }[]) expect(Math.abs(d.value[1])).toBeLessThan(1e-9)
    expect(o.xAxis.every((a) => a.type === 'log')).toBe(true)
  })

  it('without a fit draws only the runs', () => {
    const o = scalingLawOption(points, null, { x: 'params' }) as unknown as { series: { type: string }[] }
    expect(o.series.every((s) => s.type === 'scatter')).toBe(true)
  })
})

describe('isoflopOption and computeAllocationOption', () => {
  it('draws each group with its parabola and the vertex frontier', () => {
    const groups = [1e19, 1e20].map((C) => ({ flops: C, runs: ['a', 'b', 'c'], points: [[8, 3], [8.5, 2.8], [9, 2.9]] as [number, number][], parabola: [0, 0, 0] as [number, number, number], vertex: { N: 3e8, D: C / 1.8e9, loss: 2.79, log10N: 8.48, inRange: true } }))
    const o = isoflopOption({ law: 'isoflop', params: { a: 0.5, b: 0.5, k_N: 0.1, k_D: 1.6 }, diagnostics: { groups } }) as unknown as { series: { name: string; data: unknown[] }[] }
    expect(o.series.filter((s) => s.name.startsWith('C ~')).length).toBe(4)
    expect(o.series.find((s) => s.name === 'Vertices')!.data).toHaveLength(2)
  })

  it('draws N_opt and D_opt under each law and marks Gopher and Chinchilla', () => {
    const o = computeAllocationOption([{ name: 'Chinchilla', source: { law: 'chinchilla', params: { ...PRESETS.chinchilla.params } } }], { budget: 5.76e23 }) as unknown as { series: { name: string; data: { value: number[] }[] }[] }
    const n = o.series.find((s) => s.name === 'Chinchilla')!
    const at = n.data.reduce((best, d) => (Math.abs(Math.log(d.value[0] / 5.76e23)) < Math.abs(Math.log(best.value[0] / 5.76e23)) ? d : best))
    expect(at.value[1]).toBeGreaterThan(1e10)
    expect(o.series.filter((s) => s.name.startsWith('Gopher'))).toHaveLength(2)
  })
})
