import { describe, expect, it } from 'vitest'
import { groupByCompute } from '../../../src/core/fit/compute-groups'
import { fitIsoflop } from '../../../src/core/fit/isoflop'
import type { ScalingPoint } from '../../../src/core/fit/types'

describe('compute groups', () => {
  it('groups runs within +-tolerance dex around dense seeds and leaves stragglers out', () => {
    const flops = [1e19, 1.05e19, 0.97e19, 1.1e19, 3e19, 3.1e19, 2.9e19, 5e20, 1e22]
    const { groups, ungrouped } = groupByCompute(flops, 0.05)
    expect(groups.map((g) => g.members.sort((a, b) => a - b))).toEqual([[0, 1, 2, 3], [4, 5, 6]])
    expect(ungrouped.sort((a, b) => a - b)).toEqual([7, 8])
    expect(groups[0].flops).toBeCloseTo(Math.pow(1e19 * 1.05e19 * 0.97e19 * 1.1e19, 0.25), -10)
  })

  it('splits a wide cluster when the tolerance is small', () => {
    const flops = Array.from({ length: 12 }, (_, i) => 1e20 * Math.pow(10, 0.02 * i))
    const wide = groupByCompute(flops, 0.2)
    expect(wide.groups.length).toBe(1)
    const narrow = groupByCompute(flops, 0.03)
    expect(narrow.groups.length).toBeGreaterThan(1)
    for (const g of narrow.groups) for (const i of g.members) expect(Math.abs(Math.log10(flops[i]) - g.center)).toBeLessThanOrEqual(0.03 + 1e-9)
  })
})

describe('IsoFLOP parabolas', () => {
  it('finds the exact vertex of loss = c0 + c1 x + c2 x^2 in x = log10 N', () => {
    const points: ScalingPoint[] = []
    // two budgets whose minima sit at N = 1e9 and N = 3e9; loss = 2 + 0.1 (x - x*)^2
    for (const [C, xStar] of [[1e20, 9], [1e21, Math.log10(3e9)]] as const) {
      for (let k = 0; k < 7; k++) {
        const x = xStar - 0.6 + 0.2 * k
        const N = Math.pow(10, x)
        points.push({ run: `${C}-${k}`, params: N, tokens: C / (6 * N), flops: C, loss: 2 + 0.1 * (x - xStar) ** 2 })
      }
    }
    const r = fitIsoflop(points, 0.05)
    expect(r.groups[0].vertex!.N / 1e9).toBeCloseTo(1, 9)
    expect(r.groups[1].vertex!.N / 3e9).toBeCloseTo(1, 9)
    expect(r.groups[0].vertex!.loss).toBeCloseTo(2, 12)
    expect(r.groups[0].vertex!.inRange).toBe(true)
    // two vertices: N_opt = k C^a with a = log10(3)
    expect(r.a).toBeCloseTo(Math.log10(3), 9)
    expect(r.a + r.b).toBeCloseTo(1, 9)
  })

  it('reports groups whose profile has no minimum instead of using them', () => {
    const points: ScalingPoint[] = []
    for (const C of [1e19, 1e20, 1e21]) {
      for (let k = 0; k < 5; k++) {
        const N = 1e8 * Math.pow(10, 0.3 * k)
        // the first budget: loss falls monotonically (a concave profile)
        const loss = C === 1e19 ? 3 - 0.1 * k * k : 2 + 0.05 * (k - 2) ** 2 + (C === 1e21 ? -0.1 : 0)
        points.push({ run: `${C}-${k}`, params: N, tokens: C / (6 * N), flops: C, loss })
      }
    }
    const r = fitIsoflop(points)
    // a falling profile: its lowest loss sits at the largest size, so nothing brackets the minimum
    expect(r.groups[0].used).toBe(false)
    expect(r.groups[0].reason).toBe('minimum-at-edge')
    expect(r.groups[0].rejected).toMatch(/largest model sampled/)
    expect(r.groups[1].vertex).toBeDefined()
    expect(r.groups[1].used).toBe(true)
    expect(r.levels).toBe(2)
  })
})
