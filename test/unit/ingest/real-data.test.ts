/**
 * The real data in /work/shared/data (copied to test/fixtures/ingest/real with provenance) imports whole and
 * exactly; expected values are read from the same files with a plain line split, independently of the importer.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'
import { fixture } from './helpers'

function table(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(fixture(name), 'utf8').trim().split(/\r?\n/)
  const keys = header.split(',')
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])))
}

let c: Catalog
let projectId: number
beforeAll(() => {
  c = new Catalog(':memory:')
  projectId = c.ensureProject('real').id
})
afterAll(() => c.close())

describe('real data', () => {
  it('Chinchilla (Epoch AI reconstruction): 245 runs with N, C, loss, and D = C / 6N', async () => {
    const rows = table('real/chinchilla_svg_extracted_data.csv')
    const s = await importFile(c, fixture('real/chinchilla_svg_extracted_data.csv'), { project: 'real' })
    expect(s).toMatchObject({ format: 'summary', runs: 245 })
    const points = c.scalingPoints({ projectId })
    expect(points).toHaveLength(245)
    points.forEach((p, i) => {
      expect(p.params).toBe(Number(rows[i]['Model Size']))
      expect(p.flops).toBe(Number(rows[i]['Training FLOP']))
      expect(p.loss).toBe(Number(rows[i].loss))
      expect(p.tokens).toBeCloseTo(Number(rows[i]['Training FLOP']) / (6 * Number(rows[i]['Model Size'])), 0)
    })
    // the file's facts: loss takes 99 distinct values (decoded from point colours)
    expect(new Set(points.map((p) => p.loss)).size).toBe(99)
  })

  it('Pythia zero-shot: 810 evaluations of 15 models, accuracy as the metric, step as the checkpoint', async () => {
    const rows = table('real/pythia_v1_lambada_piqa_zeroshot.csv')
    const s = await importFile(c, fixture('real/pythia_v1_lambada_piqa_zeroshot.csv'), { project: 'real' })
    expect(s).toMatchObject({ format: 'evals', runs: 15, evals: 810 })
    const evals = c.listEvaluations({ projectId, task: 'lambada_openai', metric: 'accuracy' })
    expect(evals).toHaveLength(405)
    for (const row of rows.filter((r) => r.task === 'lambada_openai')) {
      const e = evals.find((x) => x.run === row.model && x.checkpoint === Number(row.step))!
      expect([e.value, e.stderr, e.tokens, e.params]).toEqual([Number(row.accuracy), Number(row.stderr), Number(row.tokens), Number(row.params)])
    }
    // tokens = step x 2,097,152 (data README); the run's training tokens are its last checkpoint's
    const run = c.listRuns({ projectId, search: 'pythia-12b-deduped' })[0]
    expect(run.tokens).toBe(143000 * 2097152)
  })

  it('Pythia arithmetic (emergence): 420 evaluations with shots, adding to the Pythia runs already there', async () => {
    const rows = table('real/pythia_arithmetic_by_size.csv')
    const before = c.counts().runs
    const s = await importFile(c, fixture('real/pythia_arithmetic_by_size.csv'), { project: 'real' })
    expect(s).toMatchObject({ format: 'evals', runs: 7, evals: 420 })
    expect(c.counts().runs).toBe(before) // all 7 deduped models were imported above
    const add = c.listEvaluations({ projectId, task: 'arithmetic_addition_2operand_x1_0to99' })
    expect(add).toHaveLength(210)
    const row = rows.find((r) => r.model === 'pythia-2.8b-deduped' && r.fewshot === '2' && r.step === '143000' && r.task.startsWith('arithmetic_addition'))!
    const e = add.find((x) => x.run === 'pythia-2.8b-deduped' && x.shots === 2 && x.checkpoint === 143000)!
    expect(e.value).toBe(Number(row.value))
    expect(e.metric).toBe(row.metric)
    expect(c.listRuns({ projectId, family: 'Pythia-deduped' })).toHaveLength(7)
  })

  it('BoolQ GPT-2 predictions (calibration): 26,160 rows, 4 models, 2 experiments, correctness as in the file', async () => {
    const rows = table('real/boolq_gpt2_per_example.csv')
    const s = await importFile(c, fixture('real/boolq_gpt2_per_example.csv'), { project: 'real' })
    expect(s).toMatchObject({ format: 'predictions', runs: 4, predictions: 26160 })
    const tasks = c.listTasks(projectId).filter((t) => t.predictions > 0)
    expect(tasks.map((t) => [t.task, t.predictions, t.runs])).toEqual([
      ['boolq-0shot-gpt2', 13080, 4],
      ['boolq-1shot-gpt2', 13080, 4],
    ])
    const xl = c.listPredictions({ projectId, task: 'boolq-1shot-gpt2', model: 'gpt2-xl' })
    const expected = rows.filter((r) => r.experiment === 'boolq-1shot-gpt2' && r.model === 'gpt2-xl')
    expect(xl).toHaveLength(3270)
    expect(xl.filter((p) => p.correct).length).toBe(expected.filter((r) => r.correct === '1').length)
    const sumP = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
    expect(sumP(xl.map((p) => p.probability!))).toBeCloseTo(sumP(expected.map((r) => Number(r.p_correct))), 6)
    expect(c.integrityCheck()).toBe('ok')
  })
})
