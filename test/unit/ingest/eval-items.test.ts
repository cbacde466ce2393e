/**
 * Evaluation files whose rows are items (issue 9): groups stored as means with n and a standard error, item ids,
 * item counts of aggregated rows, refusals with both line numbers, and flags such as `deduped` as part of the
 * family. Expected groups come from scripts/reference/eval-items.py (numpy) or from the fixture rows themselves.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'
import { fixture, labErrorOf, tempDir } from './helpers'

interface ExpectedGroup {
  key: [string, string]
  mean: number
  n: number
  stderr: number
  binary: boolean
}
const expected = JSON.parse(readFileSync(fixture('evals-items-expected.json'), 'utf8')) as { boolq: ExpectedGroup[]; arithmetic: ExpectedGroup[] }

function table(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(fixture(name), 'utf8').trim().split(/\r?\n/)
  const keys = header.split(',')
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])))
}

const tmp = tempDir('eval-items-')
afterAll(() => tmp.remove())

let c: Catalog
beforeEach(() => {
  c = new Catalog(':memory:')
})
afterEach(() => c.close())

const importFixture = (name: string, extra: Record<string, unknown> = {}) => importFile(c, fixture(name), { project: 'p', fileName: name, ...extra })
const projectId = (): number => c.getProject('p')!.id
const evaluations = () => c.listEvaluations({ projectId: projectId() })

describe('per-item evaluation files', () => {
  it('an lm-evaluation-harness-like table (doc_id, acc 0/1): one row per group, the mean with n and the binomial standard error', async () => {
    const s = await importFixture('evals-per-item-boolq.csv')
    expect(s).toMatchObject({ format: 'evals', runs: 4, evals: 8, items: 480 })
    expect(s.warnings).toContain(
      '480 evaluation rows were items of 8 groups (model, task, metric, shots, checkpoint) (rows are items: column "doc_id"): stored as means with n and a standard error (binomial sqrt(p(1-p)/n) when every score is 0 or 1, else s/sqrt(n)).',
    )
    const evals = evaluations()
    expect(evals).toHaveLength(expected.boolq.length)
    for (const g of expected.boolq) {
      expect(g.binary).toBe(true)
      const e = evals.find((x) => x.run === g.key[0] && x.task === g.key[1])!
      expect(e.metric).toBe('acc')
      expect(e.n).toBe(g.n)
      expect(e.value).toBeCloseTo(g.mean, 12)
      expect(e.stderr).toBeCloseTo(g.stderr, 12)
    }
  })

  it('per-operand arithmetic, 100 rows per model, task, shots and checkpoint, no item column: means and s / sqrt(n)', async () => {
    const s = await importFixture('evals-per-operand-arithmetic.csv')
    expect(s).toMatchObject({ format: 'evals', runs: 3, evals: 6, items: 600 })
    expect(s.warnings.some((w) => w.startsWith('600 evaluation rows were items of 6 groups'))).toBe(true)
    expect(s.warnings).toContain('Columns not imported: x1.')
    const evals = evaluations()
    expect(evals).toHaveLength(6)
    for (const g of expected.arithmetic) {
      expect(g.binary).toBe(false)
      const e = evals.find((x) => x.run === g.key[0] && x.task === g.key[1])!
      expect([e.n, e.shots, e.checkpoint, e.tokens]).toEqual([100, 2, 143000, 299892736000])
      expect(e.value).toBeCloseTo(g.mean, 12)
      expect(e.stderr).toBeCloseTo(g.stderr, 12)
    }
    // the group means are the real Pythia-deduped accuracies the items were drawn around (Binomial(50, p) / 50)
    const real = table('real/pythia_arithmetic_by_size.csv').filter((r) => r.step === '143000' && r.fewshot === '2')
    for (const e of evals) {
      const r = real.find((x) => x.model === e.run && x.task === e.task)!
      expect(Math.abs(e.value - Number(r.value))).toBeLessThan(4 * e.stderr! + 0.01)
    }
  })

  it('already-aggregated rows: a bare n column is the item count, and the binomial standard error is stored when none is given', async () => {
    const s = await importFixture('evals-aggregated-n.csv')
    expect(s).toMatchObject({ format: 'evals', runs: 3, evals: 6, items: 0 })
    expect(s.warnings).toContain('6 evaluation rows had an item count n and no standard error: the binomial sqrt(p(1-p)/n) was stored.')
    const rows = table('evals-aggregated-n.csv')
    // lm-evaluation-harness's own standard errors of the same accuracies (real Pythia file, step 143000)
    const real = table('real/pythia_v1_lambada_piqa_zeroshot.csv').filter((r) => r.step === '143000')
    for (const row of rows) {
      const e = evaluations().find((x) => x.run === row.model && x.task === row.task)!
      const p = Number(row.accuracy)
      const n = Number(row.n)
      expect([e.value, e.n, c.listRuns({ projectId: projectId(), search: row.model })[0].params]).toEqual([p, n, Number(row.params)])
      expect(e.stderr).toBeCloseTo(Math.sqrt((p * (1 - p)) / n), 15)
      const harness = Number(real.find((r) => r.model === row.model && r.task === row.task)!.stderr)
      expect(Math.abs(e.stderr! - harness) / harness).toBeLessThan(1e-3) // sqrt(n / (n - 1)) apart
    }
  })

  it('Pythia arithmetic (real, one row per group): nothing aggregated, n unknown, n_subtasks and source left out with a warning', async () => {
    const s = await importFixture('real/pythia_arithmetic_by_size.csv')
    expect(s).toMatchObject({ format: 'evals', runs: 7, evals: 420, items: 0 })
    expect(s.warnings.some((w) => w.includes('items of'))).toBe(false)
    expect(s.warnings).toContain('Columns not imported: n_subtasks, source.')
    expect(evaluations().every((e) => e.n === null && e.family === 'Pythia-deduped')).toBe(true)
  })

  it('a bare n column of parameter counts stays the parameter count', async () => {
    const path = tmp.path('n-is-params.csv')
    writeFileSync(path, 'model,n,task,acc\na,70M,lambada,0.1\nb,160M,lambada,0.3\n')
    const s = await importFile(c, path, { project: 'p' })
    expect(s.items).toBe(0)
    expect(evaluations().map((e) => [e.run, e.params, e.n])).toEqual([
      ['a', 70e6, null],
      ['b', 160e6, null],
    ])
  })
})

describe('evaluation files that are refused', () => {
  it('the same model with different parameter counts: both line numbers, the conflicting cell, nothing written', async () => {
    const e = await labErrorOf(() => importFixture('evals-conflict-params.csv'))
    expect(e.message).toContain('line 5')
    expect(e.message).toContain('line 2')
    expect(e.message).toContain('"gpt2"')
    expect([e.file, e.line, e.column]).toEqual(['evals-conflict-params.csv', 5, 'gpt2,'.length + 1]) // the params cell
    expect(c.counts()).toMatchObject({ runs: 0, evaluations: 0, imports: 0 })
  })

  it('a repeated item id within a group, with both lines', async () => {
    const path = tmp.path('repeated-item.csv')
    writeFileSync(path, 'model,task,doc_id,acc\nm,boolq,0,1\nm,boolq,1,0\nm,piqa,0,1\nm,boolq,0,0\n')
    const e = await labErrorOf(() => importFile(c, path, { project: 'p', fileName: 'repeated-item.csv' }))
    expect(e.message).toContain('lines 2 and 5')
    expect([e.line, e.column]).toEqual([5, 'm,boolq,'.length + 1]) // the doc_id cell
  })

  it('already-aggregated rows (with n) that repeat a group, and item rows of one checkpoint with different tokens', async () => {
    const a = tmp.path('repeated-n.csv')
    writeFileSync(a, 'model,task,acc,n_examples\nm,boolq,0.61,3270\nm,boolq,0.63,3270\n')
    const e1 = await labErrorOf(() => importFile(c, a, { project: 'p', fileName: 'repeated-n.csv' }))
    expect(e1.message).toContain('Lines 2 and 3')
    expect([e1.line, e1.column]).toEqual([3, 'm,boolq,0.63,'.length + 1]) // the n cell
    const b = tmp.path('tokens.csv')
    writeFileSync(b, 'model,task,step,tokens,acc\nm,boolq,1000,2e9,1\nm,boolq,1000,2e9,0\nm,boolq,1000,3e9,1\n')
    const e2 = await labErrorOf(() => importFile(c, b, { project: 'p', fileName: 'tokens.csv' }))
    expect(e2.message).toContain('Lines 2 and 4')
    expect(c.counts().evaluations).toBe(0)
  })
})

describe('a deduped flag without a family column', () => {
  it('Pythia v1 (real): plain and deduped models get the families "standard" and "deduped"', async () => {
    const s = await importFixture('real/pythia_v1_lambada_piqa_zeroshot.csv')
    expect(s).toMatchObject({ runs: 15, evals: 810, items: 0 })
    expect(s.warnings.some((w) => w.startsWith('Column "deduped" is part of the family (there is no family column)'))).toBe(true)
    const runs = c.listRuns({ projectId: projectId() })
    const families = new Map(runs.map((r) => [r.name, r.family]))
    const rows = table('real/pythia_v1_lambada_piqa_zeroshot.csv')
    for (const r of rows) expect(families.get(r.model)).toBe(r.deduped === '1' ? 'deduped' : 'standard')
    expect(runs.filter((r) => r.family === 'deduped')).toHaveLength(8)
    expect(runs.filter((r) => r.family === 'standard')).toHaveLength(7)
  })

  it('the same model name with deduped 0 and 1 becomes two runs, the deduped one named apart, with a warning', async () => {
    const s = await importFixture('evals-deduped-same-names.csv')
    expect(s).toMatchObject({ runs: 6, evals: 12, items: 0 })
    expect(s.warnings.find((w) => w.startsWith('Models named alike'))).toBe(
      'Models named alike with different deduped values are different runs, named apart: pythia-70m (deduped true) -> pythia-70m-deduped, pythia-160m (deduped true) -> pythia-160m-deduped, pythia-410m (deduped true) -> pythia-410m-deduped.',
    )
    const rows = table('evals-deduped-same-names.csv')
    for (const r of rows) {
      const name = r.deduped === '1' ? `${r.model}-deduped` : r.model
      const e = evaluations().find((x) => x.run === name && x.task === r.task)!
      expect([e.value, e.stderr, e.family]).toEqual([Number(r.accuracy), Number(r.stderr), r.deduped === '1' ? 'deduped' : 'standard'])
    }
  })

  it('with a family column, flagged rows get "<family>-deduped"', async () => {
    const path = tmp.path('family-flag.csv')
    writeFileSync(path, 'model,family,is_deduped,params,task,acc\np-70m,pythia,false,70M,piqa,0.59\np-70m,pythia,true,70M,piqa,0.60\n')
    const s = await importFile(c, path, { project: 'p' })
    expect(s.runs).toBe(2)
    expect(evaluations().map((e) => [e.run, e.family, e.value])).toEqual([
      ['p-70m', 'pythia', 0.59],
      ['p-70m-deduped', 'pythia-deduped', 0.6],
    ])
  })

  it('a one-row-per-run table with a deduped flag: family from the flag, a repeated name named after its flag, the flag not a metric', async () => {
    const path = tmp.path('runs-flag.csv')
    // parameter counts of Pythia v1 (data README); the losses are made up: the layout is the point
    writeFileSync(path, 'name,deduped,params,tokens,loss\npythia-70m,0,70426624,300e9,3.3\npythia-70m,1,70426624,300e9,3.2\npythia-160m,yes,162322944,300e9,2.9\n')
    const s = await importFile(c, path, { project: 'p' })
    expect(s).toMatchObject({ format: 'summary', runs: 3 })
    expect(s.warnings).toContain('Repeated run names were made unique: pythia-70m -> pythia-70m-deduped.')
    const runs = c.listRuns({ projectId: projectId() })
    expect(runs.map((r) => [r.name, r.family]).sort()).toEqual([
      ['pythia-160m', 'deduped'],
      ['pythia-70m', 'standard'],
      ['pythia-70m-deduped', 'deduped'],
    ])
    expect(c.getRun(runs.find((r) => r.name === 'pythia-70m')!.id).summaries).toEqual({ loss: 3.3 })
  })

  it('with the flag unmapped (--map family_flag=), the same-name rows are items of one group, and the import says so', async () => {
    const s = await importFixture('evals-deduped-same-names.csv', { mapping: { family_flag: '' } })
    expect(s).toMatchObject({ runs: 3, evals: 6, items: 12 })
    expect(s.warnings.some((w) => w.startsWith('12 evaluation rows were items of 6 groups'))).toBe(true)
    expect(s.warnings).toContain('Columns not imported: deduped.')
    expect(s.warnings).toContain('The "stderr" column of the rows in 6 aggregated groups was not used: their standard error comes from the spread of the items.')
  })
})
