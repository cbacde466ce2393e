import { describe, expect, it } from 'vitest'
import { analyzeEmergence } from '../../../src/core/analysis/emergence'
import type { EvalPoint, PredictionRow } from '../../../src/core/analysis/types'
import { LabError } from '../../../src/shared/errors'
import { seededRandom } from '../../../src/core/random'
import { PYTHIA_1_4B, PYTHIA_2_8B, pythiaArithmetic, pythiaLambadaPiqa } from './load-fixtures'

const arithmetic = pythiaArithmetic()
const SIZES = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11]

function curve(f: (u: number) => number, opts: { metric?: string; stderr?: number; sizes?: number[] } = {}): EvalPoint[] {
  return (opts.sizes ?? SIZES).map((params, i) => ({
    model: `m${i}`,
    params,
    task: 'synthetic',
    metric: opts.metric ?? 'acc',
    value: f(Math.log10(params)),
    ...(opts.stderr ? { stderr: opts.stderr } : {}),
  }))
}

describe('emergence on Pythia arithmetic (real data)', () => {
  it('finds the jump between 1.4B and 2.8B parameters for addition and multiplication', () => {
    const results = analyzeEmergence(arithmetic, { seed: 1, bootstrap: 300 })
    expect(results.map((r) => r.task)).toEqual(['arithmetic_addition_2operand_x1_0to99', 'arithmetic_multiplication_2operand_x1_0to99'])
    for (const r of results) {
      expect(r.kind, r.task).toBe('emergent')
      expect(r.emergence_scale!).toBeGreaterThan(PYTHIA_1_4B)
      expect(r.emergence_scale!).toBeLessThan(PYTHIA_2_8B)
      expect(r.between?.lower.models).toEqual(['pythia-1.4b-deduped'])
      expect(r.between?.upper.models).toEqual(['pythia-2.8b-deduped'])
      expect(r.chance).toBe(0)
      // the 5 shot counts at each size are pooled as runs, and the interval is a bootstrap over them
      expect(r.shots).toEqual([0, 2, 4, 8, 16])
      expect(r.bootstrap?.method).toBe('runs')
      expect(r.interval![0]!).toBeLessThanOrEqual(r.emergence_scale!)
      expect(r.interval![1]!).toBeGreaterThanOrEqual(r.emergence_scale!)
      expect(r.evidence.delta_bic_linear_minus_logistic).toBeGreaterThan(2)
    }
  })

  it('finds the same jump with 2, 4 and 8 shots separately', () => {
    for (const shots of [2, 4, 8]) {
      const [add] = analyzeEmergence(arithmetic, { task: 'arithmetic_addition_2operand_x1_0to99', shots, seed: 1, bootstrap: 200 })
      expect(add.kind, `${shots} shots`).toBe('emergent')
      expect(add.emergence_scale!).toBeGreaterThan(PYTHIA_1_4B)
      expect(add.emergence_scale!).toBeLessThan(PYTHIA_2_8B)
      expect(add.bootstrap?.method).toBe('residual')
    }
  })

  it('calls zero-shot addition flat: no size reaches 5 % exact match', () => {
    const [r] = analyzeEmergence(arithmetic, { task: 'arithmetic_addition_2operand_x1_0to99', shots: 0, bootstrap: 0 })
    expect(r.kind).toBe('flat')
    expect(r.emergence_scale).toBeNull()
    expect(r.censored).toBe('above')
  })

  it('is reproducible from its seed', () => {
    const a = analyzeEmergence(arithmetic, { shots: 4, seed: 7, bootstrap: 200 })
    const b = analyzeEmergence(arithmetic, { shots: 4, seed: 7, bootstrap: 200 })
    expect(a).toEqual(b)
    expect(JSON.parse(JSON.stringify(a))).toEqual(a)
  })
})

describe('emergence on Pythia lambada (real data)', () => {
  it('sees smooth improvement already above chance at 70M', () => {
    const results = analyzeEmergence(pythiaLambadaPiqa(), { task: 'lambada_openai', bootstrap: 0 })
    expect(results.map((r) => r.family)).toEqual(['pythia', 'pythia-deduped'])
    for (const r of results) {
      expect(r.kind).toBe('smooth')
      expect(r.censored).toBe('below')
      expect(r.emergence_scale).toBe(70426624)
      expect(r.bootstrap).toBeNull()
    }
  })
})

describe('emergence on synthetic curves with known shapes', () => {
  it('tells a jump from a line and from a constant', () => {
    const jump = analyzeEmergence(curve((u) => (u < 9.2 ? 0.01 : 0.6)), { bootstrap: 0 })[0]
    expect(jump.kind).toBe('emergent')
    expect(jump.emergence_scale!).toBeGreaterThan(1e9)
    expect(jump.emergence_scale!).toBeLessThan(3e9)
    const line = analyzeEmergence(curve((u) => 0.1 + 0.08 * (u - 7)), { bootstrap: 0 })[0]
    expect(line.kind).toBe('smooth')
    expect(line.fits.linear.parameters.slope_per_decade).toBeCloseTo(0.08, 10)
    const flat = analyzeEmergence(curve((u) => 0.25 + 0.004 * Math.sin(5 * u)), { chance: 0.25, bootstrap: 0 })[0]
    expect(flat.kind).toBe('flat')
  })

  it('interpolates the crossing in log x and uses chance from the number of choices', () => {
    // 4 choices: chance 0.25; threshold 0.30 is crossed halfway (in log10) between 1e9 (0.28) and 1e10 (0.32)
    const pts = [1e7, 1e8, 1e9, 1e10, 1e11].map((params, i) => ({ model: `m${i}`, params, task: 't', metric: 'acc', choices: 4, value: [0.25, 0.26, 0.28, 0.32, 0.5][i] }))
    const [r] = analyzeEmergence(pts, { bootstrap: 0 })
    expect(r.chance).toBe(0.25)
    expect(r.emergence_scale!).toBeCloseTo(10 ** 9.5, 0)
  })

  it('raises the threshold to twice the standard error when that is larger than the margin', () => {
    const pts = curve((u) => (u < 9.2 ? 0.01 : 0.6), { stderr: 0.05 })
    const [r] = analyzeEmergence(pts, { bootstrap: 100, seed: 3 })
    expect(r.points.every((p) => Math.abs(p.threshold - 0.1) < 1e-12)).toBe(true)
    expect(r.bootstrap?.method).toBe('stderr')
  })

  it('handles a lower-is-better metric by orientation', () => {
    const [r] = analyzeEmergence(curve((u) => (u < 9.2 ? 3.0 : 2.0), { metric: 'task_loss' }), { bootstrap: 0 })
    expect(r.higher_is_better).toBe(false)
    expect(r.chance).toBeNull()
    expect(r.kind).toBe('emergent')
    expect(r.emergence_scale!).toBeGreaterThan(1e9)
    expect(r.emergence_scale!).toBeLessThan(3e9)
  })

  it('uses the FLOPs axis with 6 N D when FLOPs are not given', () => {
    const pts = curve((u) => (u < 9.2 ? 0.01 : 0.6)).map((p) => ({ ...p, tokens: 20 * p.params }))
    const [r] = analyzeEmergence(pts, { x: 'flops', bootstrap: 0 })
    expect(r.x).toBe('flops')
    expect(r.points[0].x).toBeCloseTo(6 * 1e7 * 2e8, -10)
    expect(r.emergence_scale!).toBeGreaterThan(6 * 20 * 1e18)
    expect(r.emergence_scale!).toBeLessThan(6 * 20 * 9e18)
  })

  it('bootstraps over items when per-example predictions exist', () => {
    const rng = seededRandom(5)
    const rows: PredictionRow[] = []
    const params = [1e8, 3e8, 1e9, 3e9, 1e10]
    const acc = [0.01, 0.01, 0.01, 0.5, 0.7]
    params.forEach((p, m) => {
      for (let i = 0; i < 400; i++) {
        const right = rng.next() < acc[m]
        rows.push({ model: `m${m}`, params: p, task: 'gen', item: `q${i}`, probability: right ? 0.9 : 0.1, correct: right ? 1 : 0 })
      }
    })
    const points: EvalPoint[] = params.map((p, m) => {
      const mine = rows.filter((r) => r.model === `m${m}`)
      return { model: `m${m}`, params: p, task: 'gen', metric: 'accuracy', value: mine.filter((r) => r.correct === 1).length / mine.length, n: mine.length }
    })
    const [r] = analyzeEmergence(points, { predictions: rows, bootstrap: 300, seed: 2 })
    expect(r.bootstrap?.method).toBe('items')
    expect(r.evidence.noise).toBe('items')
    expect(r.emergence_scale!).toBeGreaterThan(1e9)
    expect(r.emergence_scale!).toBeLessThan(3e9)
    expect(r.interval![0]!).toBeGreaterThan(1e9)
    expect(r.interval![1]!).toBeLessThan(3e9)
  })
})

describe('emergence input errors', () => {
  it('refuses one size, a model without a size, and an unknown task', () => {
    const one = [0, 1, 2].map((i) => ({ model: `seed${i}`, params: 1e9, task: 't', metric: 'acc', value: 0.3 }))
    expect(() => analyzeEmergence(one)).toThrow(LabError)
    expect(() => analyzeEmergence(one)).toThrow(/only one model size/)
    const noSize = [...curve((u) => u / 20), { model: 'mystery', params: Number.NaN, task: 'synthetic', metric: 'acc', value: 0.4 }]
    try {
      analyzeEmergence(noSize)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(LabError)
      expect((e as LabError).code).toBe('missing-size')
      expect((e as LabError).message).toContain('"mystery"')
    }
    expect(() => analyzeEmergence(curve((u) => u / 20), { task: 'nope' })).toThrow(/No evaluations for task "nope"/)
  })
})

describe('emergence scale against an independent computation', () => {
  it('matches scripts/reference/analysis-emergence.py on Pythia arithmetic', () => {
    // printed by python3 scripts/reference/analysis-emergence.py (plain Python, pooled shots, step 143000)
    const expected: Record<string, number> = {
      arithmetic_addition_2operand_x1_0to99: 1.484561e9,
      arithmetic_multiplication_2operand_x1_0to99: 1.533873e9,
    }
    for (const r of analyzeEmergence(arithmetic, { bootstrap: 0 })) expect(r.emergence_scale! / expected[r.task]).toBeCloseTo(1, 6)
  })
})
