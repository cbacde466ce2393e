// A run's evaluations grouped for its page: per (task, metric), a curve per shot count, x = tokens or checkpoint,
// ±stderr bands and the final checkpoint's values. Rows are taken from resources/demo (Pythia, Apache-2.0):
// pythia_v1_lambada_piqa_zeroshot.csv (pythia-1.4b, lambada_openai) and pythia_arithmetic_by_size.csv
// (pythia-1.4b-deduped, 2-digit addition, 0 and 2 shots).
import { describe, expect, it } from 'vitest'
import type { RunEvaluation } from '../../../../src/shared/api'
import { checkpointNumber, finalValues, groupEvaluations, stderrBand } from '../../../../src/renderer/components/run/evaluation-groups'
import { buildEvaluationOption } from '../../../../src/renderer/components/run/evaluation-option'

const ev = (p: Partial<RunEvaluation> & Pick<RunEvaluation, 'task' | 'value'>): RunEvaluation => ({ metric: 'acc', stderr: null, n: null, shots: 0, checkpoint: null, tokens: null, ...p })

// pythia-1.4b lambada_openai at steps 143000, 1000, 0 (deliberately out of order); tokens = step x 2,097,152
const lambada = [
  ev({ task: 'lambada_openai', value: 0.6163399961187658, stderr: 0.006773561302828, checkpoint: 143000, tokens: 299892736000 }),
  ev({ task: 'lambada_openai', value: 0.0, stderr: 0.0, checkpoint: 0, tokens: 0 }),
  ev({ task: 'lambada_openai', value: 0.0001940617116242, stderr: 0.0001940617116242, checkpoint: 1000, tokens: 2097152000 }),
]
const addition = [
  ev({ task: 'arith_add', metric: 'exact_match', value: 0.0098, shots: 2, checkpoint: 'step143000' }),
  ev({ task: 'arith_add', metric: 'exact_match', value: 0.0022, shots: 0, checkpoint: 'step13000' }),
  ev({ task: 'arith_add', metric: 'exact_match', value: 0.0042, shots: 0, checkpoint: 'step143000' }),
  ev({ task: 'arith_add', metric: 'exact_match', value: 0.0028, shots: 2, checkpoint: 'step13000' }),
]

describe('groupEvaluations', () => {
  it('makes one group per task and metric, sorted, with curves ordered by x', () => {
    const groups = groupEvaluations([...lambada, ...addition])
    expect(groups.map((g) => [g.task, g.metric, g.xKind])).toEqual([
      ['arith_add', 'exact_match', 'step'],
      ['lambada_openai', 'acc', 'tokens'],
    ])
    const lam = groups[1]
    expect(lam.curves).toHaveLength(1)
    expect(lam.curves[0].x).toEqual([0, 2097152000, 299892736000])
    expect(lam.curves[0].checkpoint).toEqual([0, 1000, 143000])
  })

  it('splits shot counts into curves and falls back to the checkpoint step without tokens', () => {
    const [add] = groupEvaluations(addition)
    expect(add.curves.map((c) => c.shots)).toEqual([0, 2])
    expect(add.curves[0].x).toEqual([13000, 143000])
    expect(add.curves[1].y).toEqual([0.0028, 0.0098])
  })

  it('reads checkpoints written as numbers or names', () => {
    expect(checkpointNumber(143000)).toBe(143000)
    expect(checkpointNumber('143000')).toBe(143000)
    expect(checkpointNumber('global_step143000')).toBe(143000)
    expect(checkpointNumber('final')).toBeNull()
    expect(checkpointNumber(null)).toBeNull()
  })

  it('gives the ±1 stderr band only when some stderr is positive', () => {
    const [lam] = groupEvaluations(lambada)
    const band = stderrBand(lam.curves[0])
    expect(band?.lo[2]).toBeCloseTo(0.6163399961187658 - 0.006773561302828, 12)
    expect(band?.hi[2]).toBeCloseTo(0.6163399961187658 + 0.006773561302828, 12)
    expect(stderrBand(groupEvaluations(addition)[0].curves[0])).toBeNull()
  })

  it('lists the final checkpoint value of every curve', () => {
    const finals = finalValues(groupEvaluations([...lambada, ...addition]))
    expect(finals.map((f) => [f.task, f.shots, f.value, f.checkpoint, f.tokens])).toEqual([
      ['arith_add', 0, 0.0042, 'step143000', null],
      ['arith_add', 2, 0.0098, 'step143000', null],
      ['lambada_openai', 0, 0.6163399961187658, 143000, 299892736000],
    ])
  })
})

describe('item counts', () => {
  it('carries n into the curves, the final values and nothing when unknown', () => {
    // pythia-70m lambada_openai at step 143000 (real file) with LAMBADA-openai's 5,153 items
    const withN = [ev({ task: 'lambada_openai', value: 0.18455268775470599, stderr: 0.0054047, n: 5153, checkpoint: 143000, tokens: 299892736000 })]
    const [g] = groupEvaluations(withN)
    expect(g.curves[0].n).toEqual([5153])
    expect(finalValues([g]).map((f) => f.n)).toEqual([5153])
    expect(finalValues(groupEvaluations(addition)).map((f) => f.n)).toEqual([null, null])
  })
})

describe('buildEvaluationOption', () => {
  it('draws a curve per shot count on a log token axis, dropping the step-0 point, with stderr in the read-out', () => {
    const [lam] = groupEvaluations(lambada)
    const { option, dropped } = buildEvaluationOption({ group: lam, xName: 'Tokens', curveName: (s) => `${s}-shot`, logX: true, dark: false })
    expect(dropped).toBe(1)
    const series = option.series as { id: string }[]
    expect(series.map((s) => s.id)).toEqual(['curve-0', 'band-lo-0', 'band-hi-0'])
    expect((option.xAxis as { type: string }).type).toBe('log')
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const text = formatter([{ seriesId: 'curve-0', seriesName: '0-shot', marker: '', value: [299892736000, 0.6163399961187658] }])
    expect(text).toContain('300B')
    expect(text).toContain('<b>0.6163</b> ± 0.0068')
  })
})
