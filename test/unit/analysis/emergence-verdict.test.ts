/**
 * The emergence verdict (src/core/analysis/emergence-verdict.ts) and its agreement with the trend-shape
 * classifier, the shot-count series and the bracket interval, on synthetic curves with known shapes.
 */
import { describe, expect, it } from 'vitest'
import { analyzeEmergence, scaleInterval } from '../../../src/core/analysis/emergence'
import { emergenceVerdict, reconcileWithTrend, verdictText, type VerdictInput } from '../../../src/core/analysis/emergence-verdict'
import type { EvalPoint } from '../../../src/core/analysis/types'

const SIZES = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11]

const JUMP: VerdictInput = {
  byBic: 'logistic',
  fittedGain: 0.5,
  margin: 0.05,
  deltaBic: 8,
  deltaLoo: 0.01,
  width: 0.2,
  maxWidth: 2,
  sizesBelow: 5,
  censored: 'none',
  bracket: [1e9, 3e9],
  scale: 1.5e9,
  staysAbove: true,
  n: 9,
}

describe('verdict notes say what the numbers show', () => {
  it('calls a negative leave-one-size-out difference a win for the line', () => {
    const v = emergenceVerdict({ ...JUMP, deltaLoo: -0.04 })
    expect(v.kind).toBe('emergent')
    const loo = v.notes.find((n) => n.key === 'looLine')!
    expect(loo.values).toEqual({ delta: 0.04 })
    expect(loo.text).toMatch(/^leave-one-size-out error favours the line by 0\.04/)
    const pos = emergenceVerdict(JUMP).notes.find((n) => n.key === 'looLogistic')!
    expect(pos.text).toBe('leave-one-size-out error favours the logistic by 0.01')
    const bic = emergenceVerdict({ ...JUMP, deltaBic: -3 })
    expect(bic.kind).toBe('smooth')
    expect(bic.notes.map((n) => n.key)).toEqual(['noJump', 'bicLine', 'looLogistic'])
    expect(verdictText(bic.notes)).toBe('No jump: BIC favours the line over the logistic by 3; leave-one-size-out error favours the logistic by 0.01.')
  })

  it('needs two sizes under chance + margin below the emergence scale, and the larger ones to stay above', () => {
    expect(emergenceVerdict({ ...JUMP, sizesBelow: 1 }).notes.map((n) => n.key)).toEqual(['noJump', 'tooFewBelow'])
    expect(emergenceVerdict({ ...JUMP, staysAbove: false }).notes.map((n) => n.key)).toEqual(['noJump', 'fallsBack'])
    expect(emergenceVerdict({ ...JUMP, censored: 'above', bracket: null, scale: null }).notes.map((n) => n.key)).toEqual(['noJump', 'noCrossing'])
    expect(emergenceVerdict({ ...JUMP, fittedGain: -0.2 })).toMatchObject({ kind: 'flat', notes: [{ key: 'worsens' }] })
  })
})

describe('agreement with the trend-shape classifier', () => {
  const trend = (shape: 'positive' | 'inverse' | 'flat' | 'u-shaped' | 'insufficient') => ({ shape, reason: 'r.' })
  it('never says emergent, smooth or flat where the classifier says inverse, and states both', () => {
    for (const from of ['emergent', 'smooth', 'flat'] as const) {
      const v = reconcileWithTrend({ kind: from, notes: [] }, trend('inverse'))
      expect(v.kind).toBe('inverse')
      expect(v.notes.map((n) => n.key)).toEqual(['trend', 'trendOverrules'])
      expect(v.notes[1].values).toEqual({ from, to: 'inverse', shape: 'inverse' })
    }
    expect(reconcileWithTrend({ kind: 'flat', notes: [] }, trend('positive')).kind).toBe('smooth')
    expect(reconcileWithTrend({ kind: 'smooth', notes: [] }, trend('flat')).kind).toBe('flat')
    expect(reconcileWithTrend({ kind: 'emergent', notes: [] }, trend('flat')).kind).toBe('flat')
    // compatible verdicts stand, with the classifier's stated beside them
    for (const shape of ['positive', 'u-shaped', 'insufficient'] as const) {
      const v = reconcileWithTrend({ kind: 'emergent', notes: [] }, trend(shape))
      expect(v).toEqual({ kind: 'emergent', notes: [expect.objectContaining({ key: 'trend', values: { shape } })] })
    }
  })

  it('reports a worsening accuracy as inverse, as the classifier does', () => {
    const pts: EvalPoint[] = SIZES.map((params, i) => ({ model: `m${i}`, params, task: 'my_task', metric: 'acc', choices: 2, value: 0.8 - 0.03 * i + (i % 2 ? 0.004 : -0.004) }))
    const [r] = analyzeEmergence(pts, { bootstrap: 0 })
    expect(r.evidence.trend?.shape).toBe('inverse')
    expect(r.kind).toBe('inverse')
    expect(r.evidence.reason).toMatch(/worsens by .*; trend-shape classifier on the same series: inverse/)
  })
})

describe('shot counts are separate series unless pooling is asked for', () => {
  // 0-shot never leaves chance; 4-shot jumps between 1B and 3B
  const pts: EvalPoint[] = [0, 4].flatMap((shots) =>
    SIZES.map((params, i) => ({ model: `m${i}`, params, task: 'gen_task', metric: 'exact_match', shots, value: shots === 0 ? 0.01 * (i % 2) : params > 2e9 ? 0.6 : 0.01 })),
  )
  it('gives one series per shot count by default', () => {
    const rs = analyzeEmergence(pts, { bootstrap: 0 })
    expect(rs.map((r) => r.shots)).toEqual([[0], [4]])
    expect(rs.map((r) => r.pooled_shots)).toEqual([false, false])
    expect(rs[0].emergence_scale).toBeNull()
    expect(rs[1].kind).toBe('emergent')
    expect(rs[1].bracket).toEqual([1e9, 3e9])
    expect(rs[1].chance_source).toMatchObject({ value: 0, source: 'metric' })
  })

  it('pools them as runs only when asked, and says so', () => {
    const [r] = analyzeEmergence(pts, { bootstrap: 0, poolShots: true })
    expect(r.shots).toEqual([0, 4])
    expect(r.pooled_shots).toBe(true)
    expect(r.points.every((p) => p.runs === 2)).toBe(true)
    expect(r.warnings).toEqual([expect.objectContaining({ key: 'shotsPooled', values: { shots: '0, 4' } })])
  })
})

describe('the interval of the emergence scale', () => {
  const boot = (lo: number | null, hi: number | null) => ({ resamples: 100, method: 'residual' as const, log_interval: [lo, hi] as [number | null, number | null], no_crossing: 0, below_range: 0 })
  it('spans the bracket at least, and widens to the bootstrap', () => {
    expect(scaleInterval('none', [1e9, 3e9], 1e7, null)).toEqual([1e9, 3e9])
    expect(scaleInterval('none', [1e9, 3e9], 1e7, boot(9.1, 9.3))).toEqual([1e9, 3e9])
    expect(scaleInterval('none', [1e9, 3e9], 1e7, boot(8, 10))).toEqual([1e8, 1e10])
    expect(scaleInterval('none', [1e9, 3e9], 1e7, boot(9.1, null))).toEqual([1e9, null])
    expect(scaleInterval('below', null, 1e7, boot(7, 7))).toEqual([null, 1e7])
    expect(scaleInterval('above', null, 1e7, boot(null, null))).toBeNull()
  })
})

describe('series left out', () => {
  it('says on the analysed series which shot count had too few sizes', () => {
    const pts: EvalPoint[] = [
      ...SIZES.map((params, i) => ({ model: `m${i}`, params, task: 'gen_task', metric: 'exact_match', shots: 4, value: params > 2e9 ? 0.6 : 0.01 })),
      ...SIZES.slice(0, 2).map((params, i) => ({ model: `m${i}`, params, task: 'gen_task', metric: 'exact_match', shots: 0, value: 0 })),
    ]
    const rs = analyzeEmergence(pts, { bootstrap: 0 })
    expect(rs.map((r) => r.shots)).toEqual([[4]])
    expect(rs[0].warnings).toEqual([expect.objectContaining({ key: 'seriesLeftOut', text: expect.stringMatching(/^Left out: Emergence of "gen_task" \(exact_match, 0-shot\): only 2 model sizes/) })])
  })
})
