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
  it('finds the jump between 1.4B and 2.8B parameters for addition and multiplication, shot counts pooled on request', () => {
    const results = analyzeEmergence(arithmetic, { seed: 1, bootstrap: 300, poolShots: true })
    expect(results.map((r) => r.task)).toEqual(['arithmetic_addition_2operand_x1_0to99', 'arithmetic_multiplication_2operand_x1_0to99'])
    for (const r of results) {
      expect(r.kind, r.task).toBe('emergent')
      expect(r.emergence_scale!).toBeGreaterThan(PYTHIA_1_4B)
      expect(r.emergence_scale!).toBeLessThan(PYTHIA_2_8B)
      expect(r.between?.lower.models).toEqual(['pythia-1.4b-deduped'])
      expect(r.between?.upper.models).toEqual(['pythia-2.8b-deduped'])
      expect(r.chance).toBe(0)
      expect(r.chance_source.source).toBe('registry')
      // the 5 shot counts at each size are pooled as runs (asked for, and said), the bootstrap is over them
      expect(r.shots).toEqual([0, 2, 4, 8, 16])
      expect(r.pooled_shots).toBe(true)
      expect(r.warnings.map((w) => w.key)).toContain('shotsPooled')
      expect(r.bootstrap?.method).toBe('runs')
      // nothing between 1.4B and 2.8B: the interval spans the whole bracket, not less
      expect(r.bracket).toEqual([PYTHIA_1_4B, PYTHIA_2_8B])
      expect(r.interval![0]!).toBeLessThanOrEqual(PYTHIA_1_4B)
      expect(r.interval![1]!).toBeGreaterThanOrEqual(PYTHIA_2_8B)
      expect(r.n).toBe(7)
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

  it('gives zero-shot addition no emergence scale: no size reaches chance + 5 % exact match', () => {
    const [r] = analyzeEmergence(arithmetic, { task: 'arithmetic_addition_2operand_x1_0to99', shots: 0, bootstrap: 0 })
    expect(r.emergence_scale).toBeNull()
    expect(r.censored).toBe('above')
    expect(r.interval).toBeNull()
    expect(r.bracket).toBeNull()
    // the fitted change (0.037) is under the margin, but the trend classifier finds a significant rise:
    // "flat" would contradict it, so the verdict is smooth and both are stated
    expect(r.evidence.trend?.shape).toBe('positive')
    expect(r.kind).toBe('smooth')
    expect(r.evidence.notes.map((n) => n.key)).toEqual(['flatGain', 'trend', 'trendOverrules'])
    expect(r.evidence.reason).toMatch(/changes by 0\.037 .* less than the margin 0\.05; trend-shape classifier on the same series: positive/)
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
      // at or below the smallest size: nothing bounds it from below
      expect(r.interval).toEqual([null, 70426624])
      expect(r.bracket).toBeNull()
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
    // the item bootstrap alone is narrower than the bracket; the reported interval is not
    expect(r.bootstrap!.log_interval[0]!).toBeGreaterThan(9)
    expect(r.bootstrap!.log_interval[1]!).toBeLessThan(Math.log10(3e9))
    expect(r.interval).toEqual([1e9, 3e9])
    expect(r.bracket).toEqual([1e9, 3e9])
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
    for (const r of analyzeEmergence(arithmetic, { bootstrap: 0, poolShots: true })) expect(r.emergence_scale! / expected[r.task]).toBeCloseTo(1, 6)
  })

  it('matches it per shot count: one series each by default, with its bracket', () => {
    // python3 scripts/reference/analysis-emergence.py: task, shots, bracket lower, bracket upper, scale
    const expected: [string, number, number, number, number][] = [
      ['arithmetic_addition_2operand_x1_0to99', 2, PYTHIA_1_4B, PYTHIA_2_8B, 1.453308e9],
      ['arithmetic_addition_2operand_x1_0to99', 4, PYTHIA_1_4B, PYTHIA_2_8B, 1.446009e9],
      ['arithmetic_addition_2operand_x1_0to99', 8, PYTHIA_1_4B, PYTHIA_2_8B, 1.435927e9],
      ['arithmetic_addition_2operand_x1_0to99', 16, 1011781632, PYTHIA_1_4B, 1.389384e9],
      ['arithmetic_multiplication_2operand_x1_0to99', 0, PYTHIA_2_8B, 6857302016, 3.274472e9],
      ['arithmetic_multiplication_2operand_x1_0to99', 2, PYTHIA_1_4B, PYTHIA_2_8B, 1.529119e9],
      ['arithmetic_multiplication_2operand_x1_0to99', 4, PYTHIA_1_4B, PYTHIA_2_8B, 1.5143e9],
      ['arithmetic_multiplication_2operand_x1_0to99', 8, PYTHIA_1_4B, PYTHIA_2_8B, 1.499569e9],
      ['arithmetic_multiplication_2operand_x1_0to99', 16, 1011781632, PYTHIA_1_4B, 1.204014e9],
    ]
    const results = analyzeEmergence(arithmetic, { bootstrap: 0 })
    expect(results).toHaveLength(10)
    expect(results.every((r) => r.shots.length === 1 && !r.pooled_shots)).toBe(true)
    for (const [task, shots, lo, hi, scale] of expected) {
      const r = results.find((x) => x.task === task && x.shots[0] === shots)!
      expect(r.bracket, `${task} ${shots}`).toEqual([lo, hi])
      expect(r.emergence_scale! / scale).toBeCloseTo(1, 5)
      expect(r.interval).toEqual([lo, hi])
    }
    const none = results.find((x) => x.task === 'arithmetic_addition_2operand_x1_0to99' && x.shots[0] === 0)!
    expect(none.emergence_scale).toBeNull()
  })

  it('uses the registry chance of PIQA (1/2) and LAMBADA (0), and places the PIQA crossing with a 0.10 margin', () => {
    const plain = pythiaLambadaPiqa().map(({ choices: _drop, ...p }) => p)
    const [lambada] = analyzeEmergence(plain, { task: 'lambada_openai', family: 'pythia', bootstrap: 0 })
    expect(lambada.chance).toBe(0)
    expect(lambada.chance_source).toMatchObject({ source: 'registry', reference: expect.stringContaining('arXiv 1606.06031') })
    const piqa = analyzeEmergence(plain, { task: 'piqa', margin: 0.1, bootstrap: 0 })
    // python3 scripts/reference/analysis-emergence.py: piqa, margin 0.1 -> bracket 70M-160M, scale
    const expected: Record<string, number> = { pythia: 8.071766e7, 'pythia-deduped': 7.673284e7 }
    for (const r of piqa) {
      expect(r.chance).toBe(0.5)
      expect(r.chance_source).toMatchObject({ source: 'registry', reference: expect.stringContaining('arXiv 1911.11641') })
      expect(r.bracket).toEqual([70426624, 162322944])
      expect(r.emergence_scale! / expected[r.family!]).toBeCloseTo(1, 5)
      expect(r.points.every((p) => Math.abs(p.threshold - (0.5 + Math.max(0.1, 2 * p.stderr!))) < 1e-12)).toBe(true)
    }
    // with the choices column the same chance comes from the data
    const [withChoices] = analyzeEmergence(pythiaLambadaPiqa(), { task: 'piqa', family: 'pythia', bootstrap: 0 })
    expect(withChoices.chance_source).toMatchObject({ value: 0.5, source: 'choices' })
  })
})

describe('emergence and the trend-shape classifier on the same real series', () => {
  it('never contradict each other on Pythia arithmetic (per shot and pooled), LAMBADA and PIQA', () => {
    const contradictions: Record<string, string[]> = { emergent: ['inverse', 'flat'], smooth: ['inverse', 'flat'], flat: ['inverse', 'positive'], inverse: ['positive', 'flat'] }
    const all = [
      ...analyzeEmergence(arithmetic, { bootstrap: 0 }),
      ...analyzeEmergence(arithmetic, { bootstrap: 0, poolShots: true }),
      ...analyzeEmergence(pythiaLambadaPiqa(), { bootstrap: 0 }),
    ]
    expect(all).toHaveLength(16)
    for (const r of all) {
      const shape = r.evidence.trend?.shape
      expect(shape, `${r.task} ${r.shots}`).toBeDefined()
      expect(contradictions[r.kind], `${r.task} ${r.family} ${r.shots}: ${r.kind} vs ${shape}`).not.toContain(shape)
      expect(r.evidence.reason).toContain('trend-shape classifier on the same series')
    }
  })
})

describe('emergence verdict text and definitions', () => {
  it('says a negative leave-one-size-out difference favours the line, and onset is the emergence scale', () => {
    const [r] = analyzeEmergence(arithmetic, { task: 'arithmetic_addition_2operand_x1_0to99', poolShots: true, bootstrap: 0 })
    expect(r.evidence.delta_loo_linear_minus_logistic!).toBeLessThan(0)
    expect(r.evidence.notes.map((n) => n.key)).toContain('looLine')
    expect(r.evidence.reason).toContain('leave-one-size-out error favours the line by 0.0411')
    // the emergence notes' own words (the trend classifier's quoted reason follows them)
    expect(r.evidence.reason.split('trend-shape classifier')[0]).not.toMatch(/beats/)
    expect(r.evidence.transition_onset).toBe(r.emergence_scale)
    expect(r.evidence.sizes_below_onset).toBe(r.points.filter((p) => p.x < r.emergence_scale!).length)
  })
})
