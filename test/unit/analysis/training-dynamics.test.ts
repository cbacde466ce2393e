import { describe, expect, it } from 'vitest'
import { trainingDynamics } from '../../../src/core/analysis/training-dynamics'
import { LabError } from '../../../src/shared/errors'
import { pythiaArithmetic, pythiaLambadaPiqa } from './load-fixtures'

describe('training dynamics (real data)', () => {
  it('gives Pythia lambada over 27 checkpoints for each of the 15 models, by size', () => {
    const [r] = trainingDynamics(pythiaLambadaPiqa(), { task: 'lambada_openai' })
    expect(r.metric).toBe('acc')
    expect(r.series).toHaveLength(15)
    expect(r.series.every((s) => s.points.length === 27)).toBe(true)
    const params = r.series.map((s) => s.params)
    expect([...params].sort((a, b) => a - b)).toEqual(params)
    const s12b = r.series.find((s) => s.model === 'pythia-12b')!
    expect(s12b.points[0]).toEqual({ checkpoint: 0, tokens: 0, value: 0, stderr: null })
    const last = s12b.points[26]
    expect(last.checkpoint).toBe(143000)
    expect(last.tokens).toBe(143000 * 2097152)
    expect(last.value).toBeCloseTo(0.7046, 4)
  })

  it('keeps one shot count or averages the shot counts at each checkpoint', () => {
    const points = pythiaArithmetic()
    const [two] = trainingDynamics(points, { task: 'arithmetic_addition_2operand_x1_0to99', shots: 2 })
    const s28 = two.series.find((s) => s.model === 'pythia-2.8b-deduped')!
    expect(s28.points.map((p) => p.checkpoint)).toEqual([13000, 39000, 65000, 91000, 117000, 143000])
    expect(s28.points[5].value).toBeCloseTo(0.717, 6)
    const [pooled] = trainingDynamics(points, { task: 'arithmetic_addition_2operand_x1_0to99' })
    const p28 = pooled.series.find((s) => s.model === 'pythia-2.8b-deduped')!
    // mean over 0, 2, 4, 8, 16 shots at step 143000 of the file's values
    expect(p28.points[5].value).toBeCloseTo((0.0224 + 0.717 + 0.716 + 0.712 + 0.6852) / 5, 10)
    expect(p28.points[5].stderr).not.toBeNull()
  })

  it('says when a task has no checkpoints', () => {
    const finals = pythiaLambadaPiqa().map(({ checkpoint: _c, ...rest }) => rest)
    expect(() => trainingDynamics(finals, { task: 'piqa' })).toThrow(LabError)
    expect(() => trainingDynamics(pythiaLambadaPiqa(), { task: 'mmlu' })).toThrow(/No evaluations of task "mmlu"/)
  })
})
