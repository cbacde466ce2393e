/**
 * The chance level of emergence (src/core/analysis/emergence-chance.ts): never silently 0. Choice counts from
 * the benchmarks' papers (each cited in the registry): MMLU, ARC, HellaSwag 4; PIQA, WinoGrande, BoolQ 2;
 * LAMBADA and arithmetic open generation (0).
 */
import { describe, expect, it } from 'vitest'
import { analyzeEmergence } from '../../../src/core/analysis/emergence'
import { KNOWN_TASKS, knownTask, resolveChance } from '../../../src/core/analysis/emergence-chance'
import type { EvalPoint } from '../../../src/core/analysis/types'

const SIZES = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10]

function series(task: string, metric: string, values: number[], extra: Partial<EvalPoint> = {}): EvalPoint[] {
  return values.map((value, i) => ({ model: `m${i}`, params: SIZES[i], task, metric, value, ...extra }))
}

describe('registry of well-known tasks', () => {
  it('matches lm-evaluation-harness task names to the choice counts their papers give', () => {
    const expected: [string, number][] = [
      ['mmlu', 4],
      ['mmlu_abstract_algebra', 4],
      ['hendrycksTest-anatomy', 4],
      ['arc_easy', 4],
      ['arc_challenge', 4],
      ['hellaswag', 4],
      ['piqa', 2],
      ['winogrande', 2],
      ['boolq', 2],
      ['boolq-1shot-gpt2', 2],
      ['lambada_openai', 0],
      ['lambada_standard', 0],
      ['arithmetic_addition_2operand_x1_0to99', 0],
      ['anli_r1', 3],
    ]
    for (const [task, k] of expected) expect(knownTask(task)?.choices, task).toBe(k)
    for (const task of ['my_private_task', 'arcade', 'piqa2']) expect(knownTask(task), task).toBeNull()
  })

  it('cites a paper or dataset for every entry', () => {
    for (const k of KNOWN_TASKS) expect(k.reference, k.name).toMatch(/(arXiv \d{4}\.\d{4,5}|\b(19|20)\d\d\b)/)
  })
})

describe('resolving the chance level', () => {
  it('prefers the user, then the choices column, then the registry, then the metric', () => {
    const pts = series('hellaswag', 'acc', [0.25, 0.26, 0.3, 0.4, 0.5, 0.6, 0.7])
    expect(resolveChance(pts, 'hellaswag', 'acc', 0.3).chance).toMatchObject({ value: 0.3, source: 'option' })
    expect(resolveChance(pts, 'hellaswag', 'acc').chance).toMatchObject({ value: 0.25, source: 'registry' })
    const withChoices = pts.map((p) => ({ ...p, choices: 5 }))
    const r = resolveChance(withChoices, 'hellaswag', 'acc')
    expect(r.chance).toMatchObject({ value: 0.2, source: 'choices' })
    // the column and the registry disagree: the column wins, and that is said
    expect(r.warnings.map((w) => w.key)).toEqual(['choicesDisagree'])
    expect(resolveChance(series('my_qa', 'exact_match', [0, 0, 0.1]), 'my_qa', 'exact_match').chance).toMatchObject({ value: 0, source: 'metric' })
    expect(resolveChance(series('my_qa', 'log_likelihood', [-3, -2, -1]), 'my_qa', 'log_likelihood').chance).toMatchObject({ value: null, source: 'none' })
  })

  it('does not use a choices column that disagrees with itself, and says so', () => {
    const pts = series('my_mc', 'acc', [0.3, 0.3, 0.4]).map((p, i) => ({ ...p, choices: i === 0 ? 2 : 4 }))
    const r = resolveChance(pts, 'my_mc', 'acc')
    expect(r.warnings.map((w) => w.key)).toEqual(['choicesMixed', 'chanceUnknown'])
    expect(r.chance.source).toBe('assumed')
  })

  it('announces an assumed chance level for an accuracy on an unknown task, in the warnings and the verdict', () => {
    const pts = series('my_mc', 'acc', [0.25, 0.25, 0.26, 0.25, 0.27, 0.5, 0.7])
    const [r] = analyzeEmergence(pts, { bootstrap: 0 })
    expect(r.chance).toBe(0)
    expect(r.chance_source.source).toBe('assumed')
    expect(r.warnings.map((w) => w.key)).toContain('chanceUnknown')
    expect(r.evidence.reason).toMatch(/Chance level unknown: assumed 0 .* give --chance/)
    // assumed 0, a 4-way task already "clears chance" at the smallest size: no jump is invented
    expect(r.censored).toBe('below')
    expect(r.kind).not.toBe('emergent')
    // told the chance level, the same data show the jump between 1B and 3B
    const [told] = analyzeEmergence(pts, { chance: 0.25, bootstrap: 0 })
    expect(told.chance_source.source).toBe('option')
    expect(told.warnings).toEqual([])
    expect(told.kind).toBe('emergent')
    expect(told.bracket).toEqual([1e9, 3e9])
  })

  it('gives no emergence scale to a task that never clears chance plus the margin', () => {
    const pts = series('piqa', 'acc', [0.5, 0.51, 0.5, 0.52, 0.53, 0.52, 0.54])
    const [r] = analyzeEmergence(pts, { bootstrap: 0 })
    expect(r.chance_source).toMatchObject({ value: 0.5, source: 'registry' })
    expect(r.emergence_scale).toBeNull()
    expect(r.interval).toBeNull()
    expect(r.kind).not.toBe('emergent')
  })
})
