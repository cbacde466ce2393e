/** Every import shape, end to end into an in-memory catalog; expected values are read off the fixture files. */
import { writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'
import { fixture, tempDir } from './helpers'

const tmp = tempDir('shapes-')
afterAll(() => tmp.remove())

let c: Catalog
beforeEach(() => {
  c = new Catalog(':memory:')
})
afterEach(() => c.close())

const importFixture = (name: string, extra: Record<string, unknown> = {}) => importFile(c, fixture(name), { project: 'p', fileName: name, ...extra })
const projectId = (): number => c.getProject('p')!.id
const run = (name: string) => {
  const r = c.listRuns({ projectId: projectId(), includeHidden: true }).find((x) => x.name === name)
  if (!r) throw new Error(`no run ${name}`)
  return c.getRun(r.id)
}
const series = (runName: string, metric: string, xKind?: 'step' | 'tokens' | 'flops') => c.getSeries({ runId: run(runName).id, metric, xKind })

describe('summary tables', () => {
  it('read run fields with units, tags, notes, and the other numeric columns as summary metrics', async () => {
    const s = await importFixture('summary-units.csv')
    expect(s).toMatchObject({ format: 'summary', runs: 5, points: 0, evals: 0, predictions: 0, duplicate: false })
    const chinchilla = run('chinchilla-like')
    expect([chinchilla.family, chinchilla.params, chinchilla.tokens]).toEqual(['dense', 70e9, 1.4e12])
    expect(chinchilla.flops).toBeCloseTo(6 * 70e9 * 1.4e12, -10) // C = 6ND, derived
    expect(chinchilla.config).toMatchObject({ derived_flops: '6 params tokens' })
    expect(chinchilla.summaries).toEqual({ loss: 1.94, HellaSwag: 0.808 })
    expect(chinchilla.tags).toEqual(['reference', 'paper'])
    expect(chinchilla.notes).toBe('Hoffmann et al. 2022 compute-optimal point')
    const small = run('small-a')
    expect(small.flops).toBeCloseTo(3.1e8 * 8.64e19, -14) // PF-days
    expect(small.tokens).toBeCloseTo((3.1e8 * 8.64e19) / (6 * 70e6), -6) // D = C / 6N
    expect(small.notes).toBe('derived tokens; note, with comma')
    expect(run('small-b').params).toBe(1e9)
    const moe = run('moe-8x')
    expect([moe.params, moe.activeParams, moe.experts, moe.topK]).toEqual([2.5e9, 640e6, 8, 2])
    expect(moe.flops).toBeCloseTo(6 * 640e6 * 300e9, -8) // active parameters for a mixture of experts
  })

  it('read a semicolon file with a byte-order mark, CRLF and decimal commas', async () => {
    await importFixture('summary-eu-bom-crlf.csv')
    const medium = run('medium')
    expect([medium.params, medium.tokens]).toEqual([1.4e9, 300e9])
    expect(medium.summaries).toEqual({ loss: 2.61, accuracy: 0.412 })
    expect(run('small').summaries.loss).toBe(3.42)
  })

  it('read a tab-separated file and derive tokens from FLOPs', async () => {
    await importFixture('summary-tab.csv')
    expect(run('m1').tokens).toBeCloseTo(5.76e19 / (6 * 1.2e8), 0)
    expect(c.scalingPoints({ projectId: projectId() }).map((p) => p.loss)).toEqual([3.1, 2.7, 2.35])
  })

  it('read quoted fields with doubled quotes, delimiters and newlines', async () => {
    await importFixture('quoted-fields.csv')
    expect(run('run "alpha"').notes).toBe('multi-line\nnote, with a comma')
    expect(run('run;beta').params).toBe(160e6)
  })

  it('keep two rows with the same name apart', async () => {
    const path = tmp.path('iso.csv')
    writeFileSync(path, 'model,params,tokens,loss\n400M,400M,8B,2.9\n400M,400M,16B,2.8\n')
    const s = await importFile(c, path, { project: 'p' })
    expect(s.runs).toBe(2)
    expect(c.listRuns({ projectId: projectId() }).map((r) => [r.name, r.tokens])).toEqual([
      ['400M', 8e9],
      ['400M #2', 16e9],
    ])
  })
})

describe('step logs', () => {
  it('long: one series per run and metric, blanks and NaN skipped, a repeated step keeps the last value', async () => {
    const s = await importFixture('long-log.csv')
    expect(s).toMatchObject({ format: 'long', runs: 2, points: 10 })
    expect(series('gpt-small, v2', 'train/loss')).toEqual({ x: [0, 100, 200], y: [10.95, 6.12, 4.85] })
    expect(series('gpt-small, v2', 'lr')).toEqual({ x: [0, 100, 200], y: [0, 3e-4, 3e-4] })
    expect(series('gpt-medium', 'eval/loss')).toEqual({ x: [200], y: [4.61] })
    expect(series('gpt-medium', 'train/loss').x).toEqual([0, 100, 200])
    expect(c.counts().points).toBe(10)
    // the project has no plain 'loss': its loss is eval/loss (held-out, preferred over train/loss; metric-roles.ts)
    expect(c.lossMetric(projectId())).toMatchObject({ metric: 'eval/loss', source: 'preference', candidates: ['eval/loss', 'train/loss'] })
    expect(run('gpt-medium').loss).toBe(4.61)
  })

  it('wide: one column per metric, the run named after the file, text columns left out', async () => {
    const s = await importFixture('wide-log.csv')
    expect(s).toMatchObject({ format: 'wide', runs: 1, points: 12 })
    const r = run('wide-log')
    expect(r.series.map((x) => [x.metric, x.points])).toEqual([
      ['eval/loss', 2],
      ['lr', 5],
      ['train/loss', 5],
    ])
    expect(series('wide-log', 'eval/loss')).toEqual({ x: [100, 200], y: [6.31, 5.12] })
    expect(series('wide-log', 'lr').y).toEqual([0, 1.5e-4, 3e-4, 3e-4, 3e-4])
  })

  it('wide over tokens, with a run column', async () => {
    const s = await importFixture('wide-tokens-runs.csv')
    expect(s).toMatchObject({ format: 'wide', runs: 2, points: 4 })
    expect(series('b', 'loss', 'tokens')).toEqual({ x: [1e9, 2e9], y: [3.6, 3.2] })
  })

  it('W&B panel export: runs and metrics from the headers, __MIN / __MAX as the band of the same point', async () => {
    const s = await importFixture('wandb-panel-export.csv')
    expect(s).toMatchObject({ format: 'wandb-panel', runs: 2, points: 8 })
    expect(series('lilac-sweep-3', 'train/loss')).toEqual({
      x: [0, 20, 40, 60, 80],
      y: [10.9412, 8.2193, 6.8871, 6.1058, 5.6644],
      lo: [10.9412, 8.1022, 6.7014, 5.9971, 5.5103],
      hi: [10.9412, 8.3311, 7.0129, 6.2203, 5.7931],
    })
    expect(series('fluent-dawn-7', 'train/loss').x).toEqual([0, 40, 80])
    expect(run('fluent-dawn-7').series.map((x) => x.metric)).toEqual(['train/loss'])
  })

  it('TensorBoard scalar download: run and tag from the file name, wall time kept as seconds since the first row', async () => {
    const s = await importFixture('run-small_125m-tag-train_loss.csv')
    // 5 loss points and 5 wall_time points (issue 14: wall time is kept for curves against wall time)
    expect(s).toMatchObject({ format: 'tensorboard', runs: 1, points: 10 })
    expect(s.warnings).toContain(`Column "Wall time" is kept as the wall_time series (seconds since each run's first row: minus the run's first time when it is a Unix time, else as logged).`)
    expect(series('small_125m', 'train_loss')).toEqual({ x: [0, 500, 1000, 1500, 2000], y: [10.951234, 5.874211, 4.762903, 4.301177, 4.055512] })
    const wall = series('small_125m', 'wall_time')
    expect(wall.x).toEqual([0, 500, 1000, 1500, 2000])
    ;[0, 61.333, 122.666, 183.889, 245.222].forEach((t, i) => expect(wall.y[i]).toBeCloseTo(t, 3))
  })

  it('wide log: _runtime kept as wall_time, as logged and per run; _timestamp then not imported, and said', async () => {
    const file = tmp.path('wide-runtime.csv')
    writeFileSync(file, 'run,_step,loss,_runtime,_timestamp\na,0,4,12.5,1709381472\na,10,3,20,1709381480\nb,0,5,3,1709390000\nb,10,4,9,1709390006\n')
    const s = await importFile(c, file, { project: 'p' })
    expect(s.warnings).toContain(`Column "_runtime" is kept as the wall_time series (seconds since each run's first row: as logged).`)
    expect(s.warnings).toContain('Columns not imported: _timestamp.')
    expect(series('a', 'wall_time')).toEqual({ x: [0, 10], y: [12.5, 20] })
    expect(series('b', 'wall_time')).toEqual({ x: [0, 10], y: [3, 9] })
  })

  it('wide log: an absolute timestamp becomes seconds since each run\'s first row', async () => {
    const file = tmp.path('wide-timestamp.csv')
    writeFileSync(file, 'run,step,loss,timestamp\na,0,4,1709381472\na,10,3,1709381480\nb,0,5,1709390000\nb,10,4,1709390006\n')
    await importFile(c, file, { project: 'p' })
    expect(series('a', 'wall_time').y).toEqual([0, 8])
    expect(series('b', 'wall_time').y).toEqual([0, 6])
  })

  it("W&B panel: a run's _runtime column is kept as its wall_time series", async () => {
    const file = tmp.path('panel-runtime.csv')
    writeFileSync(file, '"Step","r1 - loss","r1 - _runtime","r1 - _timestamp"\n"0","4","1.5","1709381472"\n"5","3","7.25","1709381478"\n')
    const s = await importFile(c, file, { project: 'p' })
    expect(s.warnings).toContain("W&B _runtime (as logged) of 1 run kept as the wall_time series (seconds since each run's first row).")
    expect(series('r1', 'wall_time')).toEqual({ x: [0, 5], y: [1.5, 7.25] })
  })
})

describe('run tables from trackers', () => {
  it('W&B runs table: config columns to config, result columns to summary metrics, Tags to tags', async () => {
    const s = await importFixture('wandb-runs-export.csv')
    expect(s).toMatchObject({ format: 'wandb-runs', runs: 3 })
    const r = run('lilac-sweep-3')
    expect([r.params, r.tokens, r.family]).toEqual([124439808, 2.6e9, 'gpt2-style'])
    expect(r.tags).toEqual(['baseline', 'sweep-lr'])
    expect(r.notes).toBeNull() // W&B writes "-" for no notes
    expect(r.summaries).toEqual({ 'eval/loss': 3.2871, 'train/loss': 3.1402, 'eval/accuracy': 0.3011 })
    expect(r.config).toMatchObject({ State: 'finished', User: 'ada', Runtime: 7265, Sweep: 'x8k2q1ab', batch_size: 256, learning_rate: 0.0003 })
    expect(r.config).not.toHaveProperty('_step')
    expect(run('fluent-dawn-7').notes).toBe('lr too high?')
    expect(run('stellar-moon-9').summaries).toEqual({ 'train/loss': 4.0125 })
  })

  it('MLflow search_runs export: runName names the run, metrics.* are summaries, params.* config and run fields, tags.* tags', async () => {
    const s = await importFixture('mlflow-search-runs.csv')
    expect(s).toMatchObject({ format: 'mlflow', runs: 3 })
    const r = run('pythia-410m-replica')
    expect([r.params, r.tokens, r.family]).toEqual([410e6, 300e9, 'pythia-style'])
    expect(r.summaries).toEqual({ loss: 2.731, val_loss: 2.802 })
    expect(r.tags).toEqual(['team=scaling'])
    expect(r.config).toMatchObject({ lr: 0.0003, status: 'FINISHED', run_id: '3f1a9c0e5b2d4e7f8a6b1c2d3e4f5a6b' })
    const failed = run('0a1b2c3d4e5f60718293a4b5c6d7e8f9')
    expect([failed.params, failed.summaries]).toEqual([2.8e9, {}])
  })
})

describe('evaluations and predictions', () => {
  it('evaluation tables: models become runs, a repeated key is two items of one group (mean, n, standard error)', async () => {
    const s = await importFixture('evals-table.csv')
    expect(s).toMatchObject({ format: 'evals', runs: 2, evals: 4, items: 2 })
    expect(s.warnings.some((w) => w.startsWith('2 evaluation rows were items of 1 group (model, task, metric, shots, checkpoint)'))).toBe(true)
    expect(s.warnings.some((w) => w.includes('"Stderr" column') && w.includes('not used'))).toBe(true)
    const evals = c.listEvaluations({ projectId: projectId(), task: 'hellaswag' })
    expect(evals.map((e) => [e.run, e.shots, e.value, e.checkpoint, e.choices])).toEqual([
      ['opt-125m', 0, 0.3143, 'final', 4],
      ['opt-125m', 5, 0.317, 'final', 4],
      ['opt-1.3b', 0, 0.5372, 'final', 4],
    ])
    // arc_easy, opt-1.3b: 0.5699 and 0.5710 (fixture lines 5, 6): mean 0.57045, s / sqrt(2) = |a - b| / 2
    const [arc] = c.listEvaluations({ projectId: projectId(), task: 'arc_easy' })
    expect(arc.value).toBeCloseTo((0.5699 + 0.571) / 2, 12)
    expect(arc.n).toBe(2)
    expect(arc.stderr).toBeCloseTo(Math.abs(0.5699 - 0.571) / 2, 12)
    expect(run('opt-1.3b').params).toBe(1.3e9)
  })

  it('prediction tables: confidence and yes / no / true / false correctness', async () => {
    const s = await importFixture('predictions-confidence.csv')
    expect(s).toMatchObject({ format: 'predictions', runs: 2, predictions: 6 })
    const p = c.listPredictions({ projectId: projectId(), model: 'gpt2-xl' })
    expect(p.map((x) => [x.item, x.confidence, x.probability, x.correct])).toEqual([
      ['q-001', 0.83, null, true],
      ['q-002', 0.71, null, false],
      ['q-003', 0.97, null, true],
    ])
  })
})

describe('the mapping override and duplicates', () => {
  it('imports with a user mapping and records it', async () => {
    const s = await importFixture('summary-tab.csv', { mapping: { name: 'model', flops: '' } })
    expect(s.runs).toBe(3)
    expect(run('m1').flops).toBeNull()
    expect(run('m1').summaries).toEqual({ loss: 3.1, flops: 5.76e19 })
    expect(c.listImports(projectId())[0].mapping).toEqual({ name: 'model', params: 'params' })
  })

  it('reports a second import of the same bytes as a duplicate and writes nothing', async () => {
    const first = await importFixture('long-log.csv')
    const before = c.counts()
    const again = await importFile(c, fixture('long-log.csv'), { project: 'p', fileName: 'renamed.csv' })
    expect(again).toEqual({ file: 'renamed.csv', format: 'long', runs: 0, points: 0, evals: 0, predictions: 0, duplicate: true, importId: first.importId, warnings: [], items: 0 })
    expect(c.counts()).toEqual(before)
    // another project may hold the same file
    expect((await importFile(c, fixture('long-log.csv'), { project: 'other' })).duplicate).toBe(false)
  })

  it('records the import: file, size, SHA-256, format and counts', async () => {
    await importFixture('wandb-panel-export.csv')
    const [record] = c.listImports(projectId())
    expect(record.fileName).toBe('wandb-panel-export.csv')
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(record.format).toBe('wandb-panel')
    expect(record.counts).toMatchObject({ runs: 2, points: 8, rows: 5 })
    expect(run('lilac-sweep-3').id).toBeGreaterThan(0)
    expect(c.getRun(run('lilac-sweep-3').id)).toMatchObject({ importId: record.id })
  })

  it('adds to an existing run when a later file names it again', async () => {
    await importFixture('long-log.csv')
    const path = tmp.path('more.csv')
    writeFileSync(path, 'run,step,metric,value\ngpt-medium,300,train/loss,4.1\ngpt-medium,400,train/loss,3.9\n')
    const s = await importFile(c, path, { project: 'p' })
    expect(s).toMatchObject({ runs: 1, points: 2 })
    expect(series('gpt-medium', 'train/loss').x).toEqual([0, 100, 200, 300, 400])
    expect(c.listRuns({ projectId: projectId() })).toHaveLength(2)
  })

  it('merges run fields and tags when a later table names a run again', async () => {
    writeFileSync(tmp.path('one.csv'), 'name,params,tags,notes\na,70M,"x, y",first\n')
    writeFileSync(tmp.path('two.csv'), 'name,tokens,tags,loss\na,1B,"y, z",3.3\n')
    await importFile(c, tmp.path('one.csv'), { project: 'p' })
    expect((await importFile(c, tmp.path('two.csv'), { project: 'p' })).runs).toBe(1)
    const a = run('a')
    expect([a.params, a.tokens, a.flops, a.notes, a.loss]).toEqual([70e6, 1e9, 6 * 70e6 * 1e9, 'first', 3.3])
    expect(a.tags).toEqual(['x', 'y', 'z'])
  })
})
