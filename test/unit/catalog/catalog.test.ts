import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { LabError } from '../../../src/shared/errors'

/** A small catalog written with plain SQL, so these tests do not depend on the importer. */
function seed(c: Catalog): { projectId: number; runs: Record<string, number> } {
  const projectId = c.ensureProject('scaling', { description: 'test project' }).id
  const runs: Record<string, number> = {}
  const insert = c.db.prepare(
    `INSERT INTO runs (project_id, name, family, params, active_params, tokens, flops, experts, tags, notes, hidden)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
  // Chinchilla and Gopher sizes from Hoffmann et al. 2022 (arXiv 2203.15556): 70B on 1.4T tokens, 280B on 300B
  runs.chinchilla = (insert.get(projectId, 'chinchilla', 'dense', 70e9, null, 1.4e12, null, null, '["paper"]', 'compute optimal', 0) as { id: number }).id
  runs.gopher = (insert.get(projectId, 'gopher', 'dense', 280e9, null, null, 5.76e23, null, '["paper","big"]', null, 0) as { id: number }).id
  runs.moe = (insert.get(projectId, 'switch-like', 'moe', 2.5e9, 0.5e9, 1e11, null, 8, '[]', null, 0) as { id: number }).id
  runs.hidden = (insert.get(projectId, 'outlier', 'dense', 1e8, null, 2e9, null, null, '[]', null, 1) as { id: number }).id
  const summary = c.db.prepare('INSERT INTO summaries (run_id, metric, value) VALUES (?, ?, ?)')
  summary.run(runs.chinchilla, 'loss', 1.94)
  summary.run(runs.gopher, 'loss', 1.99)
  summary.run(runs.hidden, 'loss', 3.9)
  const series = c.db.prepare("INSERT INTO series (run_id, metric, x_kind) VALUES (?, ?, ?) RETURNING id").pluck(true)
  const point = c.db.prepare('INSERT INTO points (series_id, x, value, lo, hi) VALUES (?, ?, ?, ?, ?)')
  const moeLoss = series.get(runs.moe, 'loss', 'step') as number
  for (const [x, y] of [[300, 2.6], [100, 3.4], [200, 2.9]]) point.run(moeLoss, x, y, null, null)
  const band = series.get(runs.moe, 'loss', 'tokens') as number
  point.run(band, 1e9, 3.0, 2.9, 3.1)
  point.run(band, 2e9, 2.7, null, null)
  const evals = c.db.prepare('INSERT INTO evaluations (project_id, run_id, task, metric, value, stderr, shots, checkpoint, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  evals.run(projectId, runs.chinchilla, 'mmlu', 'acc', 0.675, 0.01, 5, null, null)
  evals.run(projectId, runs.moe, 'piqa', 'acc', 0.61, 0.011, 0, 1000, 2e9)
  const preds = c.db.prepare('INSERT INTO predictions (project_id, run_id, task, item, probability, confidence, correct) VALUES (?, ?, ?, ?, ?, ?, ?)')
  preds.run(projectId, runs.moe, 'boolq', '1', 0.8, 0.8, 1)
  preds.run(projectId, runs.moe, 'boolq', '2', 0.3, 0.7, 0)
  return { projectId, runs }
}

describe('Catalog', () => {
  let c: Catalog
  let projectId: number
  let runs: Record<string, number>
  beforeEach(() => {
    c = new Catalog(':memory:')
    ;({ projectId, runs } = seed(c))
  })
  afterEach(() => c.close())

  it('creates a project once and finds it by id or name', () => {
    const again = c.ensureProject('scaling', { source: 'unit test' })
    expect(again.id).toBe(projectId)
    expect(again.description).toBe('test project')
    expect(again.source).toBe('unit test')
    expect(c.getProject('scaling')?.id).toBe(projectId)
    expect(c.getProject(projectId)?.name).toBe('scaling')
    expect(c.getProject('nope')).toBeUndefined()
    expect(c.listProjects().map((p) => [p.name, p.runs])).toEqual([['scaling', 4]])
  })

  it('lists visible runs with their metrics and loss (summary, else the last point of the loss series)', () => {
    const list = c.listRuns({ projectId })
    expect(list.map((r) => r.name)).toEqual(['chinchilla', 'gopher', 'switch-like'])
    const moe = list.find((r) => r.name === 'switch-like')!
    expect(moe.loss).toBe(2.6) // x = 300 is the last step although it was inserted first
    expect(moe.metrics).toEqual(['loss'])
    expect(moe.activeParams).toBe(0.5e9)
    expect(moe.experts).toBe(8)
    expect(list.find((r) => r.name === 'gopher')!.tags).toEqual(['paper', 'big'])
    expect(c.listRuns({ projectId, includeHidden: true })).toHaveLength(4)
  })

  it('filters runs by family, tag and search text', () => {
    expect(c.listRuns({ projectId, family: 'moe' }).map((r) => r.name)).toEqual(['switch-like'])
    expect(c.listRuns({ projectId, tag: 'big' }).map((r) => r.name)).toEqual(['gopher'])
    expect(c.listRuns({ projectId, search: 'OPTIMAL' }).map((r) => r.name)).toEqual(['chinchilla'])
    expect(c.listRuns({ projectId, search: 'Switch' }).map((r) => r.name)).toEqual(['switch-like'])
  })

  it('gives a run in detail with its series and point counts', () => {
    const r = c.getRun(runs.moe)
    expect(r.series.map((s) => [s.metric, s.xKind, s.points])).toEqual([
      ['loss', 'step', 3],
      ['loss', 'tokens', 2],
    ])
    expect(c.getRun(runs.chinchilla).summaries).toEqual({ loss: 1.94 })
    expect(() => c.getRun(9999)).toThrow(LabError)
  })

  it('reads a series in x order, with a band only when it has one', () => {
    const detail = c.getRun(runs.moe)
    const step = c.getSeries(detail.series[0].id)
    expect(step).toEqual({ x: [100, 200, 300], y: [3.4, 2.9, 2.6] })
    const band = c.getSeries({ runId: runs.moe, metric: 'loss', xKind: 'tokens' })
    expect(band).toEqual({ x: [1e9, 2e9], y: [3.0, 2.7], lo: [2.9, null], hi: [3.1, null] })
    expect(c.getSeries({ runId: runs.moe, metric: 'loss' }).x).toEqual([100, 200, 300])
    expect(c.getSeries(detail.series[0].id, { maxPoints: 2 }).x).toEqual([100, 300])
    expect(() => c.getSeries(424242)).toThrow(/No series/)
  })

  it('updates tags, notes, hidden and family', () => {
    const r = c.updateRun(runs.gopher, { tags: [' big ', 'big', 'rerun'], notes: 'checked', hidden: true, family: 'gopher' })
    expect(r.tags).toEqual(['big', 'rerun'])
    expect(r.notes).toBe('checked')
    expect(r.hidden).toBe(true)
    expect(r.family).toBe('gopher')
    expect(c.updateRun(runs.gopher, { hidden: false }).tags).toEqual(['big', 'rerun'])
    expect(() => c.updateRun(9999, { notes: 'x' })).toThrow(LabError)
  })

  it('gives scaling points, deriving tokens and FLOPs with C = 6ND (N active for mixtures of experts)', () => {
    const points = c.scalingPoints({ projectId })
    const byName = Object.fromEntries(points.map((p) => [p.run, p]))
    expect(Object.keys(byName).sort()).toEqual(['chinchilla', 'gopher', 'switch-like'])
    // Chinchilla: C = 6 * 70e9 * 1.4e12 = 5.88e23 (Hoffmann et al. 2022 quote ~5.76e23 for the real run)
    expect(byName.chinchilla.flops).toBeCloseTo(5.88e23, -20)
    expect(byName.chinchilla.derived).toEqual(['flops'])
    // Gopher: D = 5.76e23 / (6 * 280e9) = 3.43e11 tokens
    expect(byName.gopher.tokens).toBeCloseTo(5.76e23 / (6 * 280e9), 0)
    expect(byName['switch-like'].flops).toBe(6 * 0.5e9 * 1e11)
    expect(byName['switch-like'].loss).toBe(2.6)
    expect(byName['switch-like'].activeParams).toBe(0.5e9)
    // hidden runs come back only when asked for by id
    expect(c.scalingPoints({ projectId, runIds: [runs.hidden] }).map((p) => p.run)).toEqual(['outlier'])
    expect(c.scalingPoints({ projectId, metric: 'nothing' })).toEqual([])
  })

  it('lists evaluations joined with their run, predictions and tasks', () => {
    const evals = c.listEvaluations({ projectId })
    expect(evals.map((e) => [e.run, e.task, e.value])).toEqual([
      ['chinchilla', 'mmlu', 0.675],
      ['switch-like', 'piqa', 0.61],
    ])
    const piqa = c.listEvaluations({ projectId, task: 'piqa' })[0]
    expect(piqa.checkpoint).toBe(1000)
    expect(piqa.flops).toBe(6 * 0.5e9 * 2e9)
    expect(c.listEvaluations({ projectId, metric: 'f1' })).toEqual([])
    const preds = c.listPredictions({ projectId, task: 'boolq', model: 'switch-like' })
    expect(preds.map((p) => [p.item, p.correct])).toEqual([
      ['1', true],
      ['2', false],
    ])
    expect(c.listTasks(projectId)).toEqual([
      // written directly, not imported: no import file behind them
      { task: 'boolq', metrics: [], evaluations: 0, predictions: 2, runs: 1, sources: [] },
      { task: 'mmlu', metrics: ['acc'], evaluations: 1, predictions: 0, runs: 1, sources: [] },
      { task: 'piqa', metrics: ['acc'], evaluations: 1, predictions: 0, runs: 1, sources: [] },
    ])
  })

  it('deletes runs with everything that hangs off them, and restores them under the same ids', () => {
    const before = c.counts()
    const snapshot = c.deleteRuns([runs.moe, runs.gopher, 12345])
    expect(snapshot.runs.map((r) => r.name).sort()).toEqual(['gopher', 'switch-like'])
    const after = c.counts()
    expect(after.runs).toBe(before.runs - 2)
    expect(after.series).toBe(0)
    expect(after.points).toBe(0)
    expect(after.evaluations).toBe(before.evaluations - 1)
    expect(after.predictions).toBe(0)
    expect(c.integrityCheck()).toBe('ok')
    // the snapshot survives a JSON round trip (it crosses IPC / HTTP)
    expect(c.restoreRuns(JSON.parse(JSON.stringify(snapshot)))).toBe(2)
    expect(c.counts()).toEqual(before)
    expect(c.getRun(runs.moe).series).toHaveLength(2)
    expect(c.getSeries({ runId: runs.moe, metric: 'loss', xKind: 'tokens' }).lo).toEqual([2.9, null])
    expect(c.integrityCheck()).toBe('ok')
  })

  it('refuses to restore over a run created again with the same name', () => {
    const snapshot = c.deleteRuns([runs.gopher])
    c.db.prepare("INSERT INTO runs (project_id, name) VALUES (?, 'gopher')").run(projectId)
    expect(() => c.restoreRuns(snapshot)).toThrow(/exists again/)
    expect(c.listRuns({ projectId }).filter((r) => r.name === 'gopher')).toHaveLength(1)
  })

  it('saves, lists, reads and deletes fits', () => {
    const id = c.saveFit({ projectId, kind: 'chinchilla-approach3', selection: { runIds: [1, 2] }, seed: 7, result: { E: 1.69 }, objective: 0.01, durationMs: 12, codeVersion: '0.1.0' })
    const fit = c.getFit(id)
    expect(fit.result).toEqual({ E: 1.69 })
    expect(fit.excluded).toEqual([])
    expect(fit.seed).toBe(7)
    expect(c.listFits(projectId).map((f) => f.id)).toEqual([id])
    expect(c.saveFit({ projectId, kind: 'x', objective: Number.NaN })).toBeGreaterThan(id)
    expect(c.listFits(projectId)[0].objective).toBeNull()
    expect(c.deleteFit(id)).toBe(true)
    expect(() => c.getFit(id)).toThrow(LabError)
  })

  it('counts rows and checks integrity', () => {
    expect(c.counts()).toEqual({ projects: 1, runs: 4, series: 2, points: 5, evaluations: 2, predictions: 2, imports: 0, fits: 0 })
    expect(c.integrityCheck()).toBe('ok')
  })

  it('runs a function in one transaction and rolls it back on error', () => {
    expect(() =>
      c.transaction(() => {
        c.ensureProject('temporary')
        throw new Error('stop')
      }),
    ).toThrow('stop')
    expect(c.getProject('temporary')).toBeUndefined()
  })

  it('cascades deleting a project to its runs', () => {
    c.db.prepare('DELETE FROM projects WHERE id = ?').run(projectId)
    expect(c.counts()).toEqual({ projects: 0, runs: 0, series: 0, points: 0, evaluations: 0, predictions: 0, imports: 0, fits: 0 })
  })
})
