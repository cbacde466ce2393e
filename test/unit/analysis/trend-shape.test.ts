import { describe, expect, it } from 'vitest'
import { classifyTrend } from '../../../src/core/analysis/trend-shape'
import type { EvalPoint, PredictionRow } from '../../../src/core/analysis/types'
import { seededRandom } from '../../../src/core/random'
import { pythiaLambadaPiqa } from './load-fixtures'

const U = [7.5, 8, 8.5, 9, 9.5, 10, 10.5]

function sizes(f: (u: number) => number, opts: { stderr?: number; us?: number[]; metric?: string; noise?: number; seed?: number } = {}): EvalPoint[] {
  const rng = seededRandom(opts.seed ?? 1)
  return (opts.us ?? U).map((u, i) => ({
    model: `m${i}`,
    params: 10 ** u,
    task: 'synthetic',
    metric: opts.metric ?? 'acc',
    value: f(u) + (opts.noise ?? 0) * rng.normal(),
    ...(opts.stderr !== undefined ? { stderr: opts.stderr } : {}),
  }))
}

const shapeOf = (pts: EvalPoint[], opts = {}) => classifyTrend(pts, opts)[0]

describe('trend shape on synthetic curves with known answers', () => {
  it('classifies the five shapes when the standard errors are small', () => {
    expect(shapeOf(sizes((u) => 0.3 + 0.1 * (u - 7.5), { stderr: 0.01 })).shape).toBe('positive')
    expect(shapeOf(sizes((u) => 0.8 - 0.08 * (u - 7.5), { stderr: 0.01 })).shape).toBe('inverse')
    expect(shapeOf(sizes((u) => 0.5 + 0.08 * (u - 9) ** 2, { stderr: 0.01 })).shape).toBe('u-shaped')
    expect(shapeOf(sizes((u) => 0.7 - 0.08 * (u - 9) ** 2, { stderr: 0.01 })).shape).toBe('inverted-u')
    expect(shapeOf(sizes((u) => 0.5 + 0.003 * Math.sin(7 * u), { stderr: 0.004 })).shape).toBe('flat')
  })

  it('reports the vertex of a U with an interval inside the sizes', () => {
    const r = shapeOf(sizes((u) => 0.5 + 0.08 * (u - 9) ** 2, { stderr: 0.01 }))
    expect(r.evidence.vertex!.x!).toBeCloseTo(1e9, -6)
    expect(r.evidence.vertex!.inside_range).toBe(true)
    const [lo, hi] = r.evidence.vertex!.interval!
    expect(lo!).toBeGreaterThan(10 ** 7.5)
    expect(hi!).toBeLessThan(10 ** 10.5)
    expect(r.evidence.curvature!.estimate).toBeCloseTo(0.08, 10)
    expect(r.evidence.two_lines!.before.estimate).toBeLessThan(0)
    expect(r.evidence.two_lines!.after.estimate).toBeGreaterThan(0)
  })

  it('says insufficient with three sizes, and with noise as large as the trend', () => {
    const three = shapeOf(sizes((u) => 0.3 + 0.1 * u, { stderr: 0.001, us: [8, 9, 10] }))
    expect(three.shape).toBe('insufficient')
    expect(three.evidence.reason).toMatch(/at least 4/)
    expect(shapeOf(sizes((u) => 0.5 + 0.01 * (u - 9), { stderr: 0.1 })).shape).toBe('insufficient')
  })

  it('does not call a saturating rise inverted-U (vertex near the largest size, no real descent)', () => {
    const r = shapeOf(sizes((u) => 0.7 - 0.06 * (10.6 - u) ** 2, { stderr: 0.005 }))
    expect(r.shape).toBe('positive')
  })

  it('uses the residual scatter when no standard error is known', () => {
    const pos = shapeOf(sizes((u) => 0.3 + 0.1 * (u - 7.5), { noise: 0.01, seed: 3 }))
    expect(pos.evidence.noise).toBe('residual')
    expect(pos.evidence.overdispersion).toBeNull()
    expect(pos.shape).toBe('positive')
    const noisy = shapeOf(sizes((u) => 0.5 + 0.02 * (u - 9), { noise: 0.08, seed: 4 }))
    expect(noisy.shape).toBe('insufficient')
  })

  it('uses a binomial standard error from accuracy and item count', () => {
    const pts = sizes((u) => 0.8 - 0.05 * (u - 7.5)).map((p) => ({ ...p, n: 2000 }))
    const r = shapeOf(pts)
    expect(r.evidence.noise).toBe('binomial')
    expect(r.shape).toBe('inverse')
  })

  it('treats loss-like metrics as lower-is-better', () => {
    const r = shapeOf(sizes((u) => 3 - 0.2 * (u - 7.5), { stderr: 0.01, metric: 'task_loss' }))
    expect(r.higher_is_better).toBe(false)
    expect(r.shape).toBe('positive')
  })

  it('bootstraps over items when per-example predictions are given', () => {
    const rng = seededRandom(8)
    const acc = [0.8, 0.7, 0.6, 0.5, 0.6, 0.7, 0.8]
    const rows: PredictionRow[] = []
    U.forEach((u, m) => {
      for (let i = 0; i < 600; i++) {
        const right = rng.next() < acc[m]
        rows.push({ model: `m${m}`, params: 10 ** u, task: 't', item: `i${i}`, probability: right ? 0.8 : 0.3, correct: right ? 1 : 0 })
      }
    })
    const points: EvalPoint[] = U.map((u, m) => {
      const mine = rows.filter((r) => r.model === `m${m}`)
      return { model: `m${m}`, params: 10 ** u, task: 't', metric: 'accuracy', value: mine.filter((r) => r.correct === 1).length / mine.length }
    })
    const r = classifyTrend(points, { predictions: rows, bootstrap: 300, seed: 1 })[0]
    expect(r.evidence.noise).toBe('items')
    expect(r.shape).toBe('u-shaped')
  })
})

describe('trend shape on Pythia (real data)', () => {
  const pythia = pythiaLambadaPiqa()
  it('finds lambada positive at the final checkpoint in both families', () => {
    const results = classifyTrend(pythia, { task: 'lambada_openai' })
    expect(results.map((r) => r.family)).toEqual(['pythia', 'pythia-deduped'])
    for (const r of results) {
      expect(r.shape).toBe('positive')
      expect(r.evidence.noise).toBe('stderr')
      expect(r.evidence.slope!.interval[0]!).toBeGreaterThan(0)
      // the quadratic's vertex falls inside the sizes but only 12B lies after it: no turn is claimed
      expect(r.evidence.vertex!.sizes_after).toBeLessThan(2)
    }
  })

  it('finds piqa positive too, and lambada at step 1000 (all sizes near chance early on) not positive', () => {
    for (const r of classifyTrend(pythia, { task: 'piqa' })) expect(r.shape).toBe('positive')
    const early = classifyTrend(pythia, { task: 'lambada_openai', checkpoint: 1000 })
    expect(early.map((r) => r.shape).every((s) => s !== 'positive')).toBe(true)
  })
})

describe('trend evidence against an independent computation', () => {
  it('matches scripts/reference/analysis-trend.py on Pythia lambada (numpy weighted least squares)', () => {
    // printed by python3 scripts/reference/analysis-trend.py: slope, its scaled standard error, curvature, vertex
    const expected: Record<string, number[]> = {
      pythia: [0.2320889057, 0.0310387148, -0.1139609083, 9.00131e9],
      'pythia-deduped': [0.2312404098, 0.0295946649, -0.1087084751, 1.003044e10],
    }
    for (const r of classifyTrend(pythiaLambadaPiqa(), { task: 'lambada_openai' })) {
      const [slope, slopeSe, curvature, vertex] = expected[r.family!]
      expect(r.evidence.slope!.estimate).toBeCloseTo(slope, 9)
      // overdispersed (chi^2 / df ~ 100), so the interval uses Student t with n - 2 degrees of freedom
      const df = r.evidence.sizes - 2
      const halfWidth = ((r.evidence.slope!.interval[1] as number) - (r.evidence.slope!.interval[0] as number)) / 2
      const tQuantile = { 5: 2.570582, 6: 2.446912 }[df]!
      expect(halfWidth / slopeSe).toBeCloseTo(tQuantile, 5)
      expect(r.evidence.curvature!.estimate).toBeCloseTo(curvature, 9)
      expect(r.evidence.vertex!.x! / vertex).toBeCloseTo(1, 5)
    }
  })
})
