import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { selectPoints } from '../../../src/core/lab/fit-selection'

/** Two runs with Chinchilla's and Gopher's N and D (Hoffmann et al. 2022): no plain 'loss', two loss-like names. */
function seed(c: Catalog): number {
  const projectId = c.ensureProject('p').id
  const run = c.db.prepare('INSERT INTO runs (project_id, name, params, tokens) VALUES (?, ?, ?, ?) RETURNING id').pluck(true)
  const a = run.get(projectId, 'chinchilla', 70e9, 1.4e12) as number
  const b = run.get(projectId, 'gopher', 280e9, 3e11) as number
  const summary = c.db.prepare('INSERT INTO summaries (run_id, metric, value) VALUES (?, ?, ?)')
  summary.run(a, 'train/loss', 1.9)
  summary.run(b, 'train/loss', 1.95)
  summary.run(a, 'val_loss', 1.94)
  summary.run(b, 'val_loss', 1.99)
  summary.run(a, 'eval/accuracy', 0.67)
  return projectId
}

describe("a project's loss metric", () => {
  let c: Catalog
  let projectId: number
  beforeEach(() => {
    c = new Catalog(':memory:')
    projectId = seed(c)
  })
  afterEach(() => c.close())

  it('is picked by preference when not chosen: the held-out loss before the training loss', () => {
    expect(c.lossMetric(projectId)).toMatchObject({ metric: 'val_loss', source: 'preference', candidates: ['val_loss', 'train/loss'], metrics: ['eval/accuracy', 'train/loss', 'val_loss'] })
    expect(c.scalingPoints({ projectId }).map((p) => p.loss)).toEqual([1.94, 1.99])
    expect(c.listRuns({ projectId }).map((r) => r.loss)).toEqual([1.94, 1.99])
  })

  it('is stored per project when chosen, used by the scaling points, the runs and a fit, and can be forgotten', () => {
    expect(c.setLossMetric(projectId, 'train/loss')).toMatchObject({ metric: 'train/loss', source: 'project' })
    expect(c.scalingPoints({ projectId }).map((p) => p.loss)).toEqual([1.9, 1.95])
    expect(c.getRun(c.listRuns({ projectId })[0].id).loss).toBe(1.9)
    const sel = selectPoints(c, { projectId })
    expect(sel).toMatchObject({ metric: 'train/loss', metricSource: 'project' })
    expect(sel.metricNote).toBe('loss = "train/loss", chosen for this project.')
    expect(selectPoints(c, { projectId, metric: 'train/loss' })).toMatchObject({ metric: 'train/loss', metricSource: 'project' })
    expect(c.setLossMetric(projectId, null)).toMatchObject({ metric: 'val_loss', source: 'preference' })
  })

  it('refuses a metric no run records', () => {
    expect(() => c.setLossMetric(projectId, 'bpb')).toThrow(/No run of this project records a metric named "bpb"/)
    expect(() => c.setLossMetric(9999, 'val_loss')).toThrow(/No run of this project|No project/)
  })

  it('is overridden by a fit that names its metric, and the fit says so', () => {
    const sel = selectPoints(c, { projectId, metric: 'train/loss' })
    expect(sel).toMatchObject({ metric: 'train/loss', metricSource: 'request' })
    expect(sel.metricNote).toContain(`the project's loss is "val_loss"`)
  })

  it('makes a fit refuse with the reason when nothing looks like a loss', () => {
    const other = c.ensureProject('no-loss').id
    const id = c.db.prepare('INSERT INTO runs (project_id, name, params, tokens) VALUES (?, ?, ?, ?) RETURNING id').pluck(true).get(other, 'x', 1e8, 2e9) as number
    c.db.prepare('INSERT INTO summaries (run_id, metric, value) VALUES (?, ?, ?)').run(id, 'eval/accuracy', 0.3)
    expect(() => selectPoints(c, { projectId: other })).toThrow(/No metric of this project looks like a loss/)
  })
})
