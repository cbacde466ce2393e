/**
 * Incremental import of a growing log (issue 14): append, rewrite of a stored point, truncate, rewrite of the
 * prefix, a half-written last line, a new run in appended rows; for long, wide, TensorBoard and W&B panel logs.
 * The numbers are the rows each test writes.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'
import { importGrowth } from '../../../src/core/ingest/import-growth'
import { tempDir } from './helpers'

const tmp = tempDir('import-growth-')
afterAll(() => tmp.remove())

describe('incremental import of a growing log', () => {
  let c: Catalog
  let n = 0
  let file: string
  const runs = (): Map<string, number> => {
    const pid = c.getProject('p')!.id
    return new Map(c.listRuns({ projectId: pid, includeHidden: true }).map((r) => [r.name, r.id]))
  }
  const curve = (run: string, metric = 'loss'): { x: number[]; y: number[] } => {
    const id = runs().get(run)!
    const s = c.getRun(id).series.find((x) => x.metric === metric)!
    const d = c.getSeries(s.id)
    return { x: d.x, y: d.y }
  }
  beforeEach(() => {
    c = new Catalog(':memory:')
    file = tmp.path(`log-${n++}.csv`)
  })
  afterEach(() => c.close())

  it('reads only the appended rows into the same run and series, in one import', async () => {
    writeFileSync(file, 'run,step,metric,value\na,1,loss,3.0\na,2,loss,2.5\n')
    const first = await importGrowth(c, file, { project: 'p' })
    expect(first).toMatchObject({ change: 'new', format: 'long', points: 2 })
    appendFileSync(file, 'a,3,loss,2.2\na,4,loss,2.0\n')
    const second = await importGrowth(c, file, { project: 'p' })
    expect(second).toMatchObject({ change: 'appended', importId: first.importId, rows: 2, points: 2, rewrites: 0, newRuns: [] })
    expect(second.warnings).toEqual([])
    expect(curve('a')).toEqual({ x: [1, 2, 3, 4], y: [3.0, 2.5, 2.2, 2.0] })
    expect(c.listImports(c.getProject('p')!.id)).toHaveLength(1)
    expect(c.counts()).toMatchObject({ runs: 1, series: 1, points: 4, imports: 1 })
    const again = await importGrowth(c, file, { project: 'p' })
    expect(again).toMatchObject({ change: 'unchanged', points: 0, rows: 0 })
  })

  it('says when an appended row rewrites a point already stored', async () => {
    writeFileSync(file, 'step,loss\n1,3.0\n2,2.5\n')
    await importGrowth(c, file, { project: 'p' })
    appendFileSync(file, '2,2.4\n3,2.1\n')
    const s = await importGrowth(c, file, { project: 'p' })
    expect(s).toMatchObject({ change: 'appended', format: 'wide', rows: 2, points: 1, rewrites: 1 })
    expect(s.warnings).toContain('1 appended value rewrote a point already stored (same run, metric and x): the new value replaced the old one.')
    const run = [...runs().keys()][0]
    expect(curve(run)).toEqual({ x: [1, 2, 3], y: [3.0, 2.4, 2.1] })
  })

  it('holds back a half-written last line until its line end arrives', async () => {
    writeFileSync(file, 'step,loss\n1,3.0\n2,2.5\n3,2.')
    const first = await importGrowth(c, file, { project: 'p' })
    expect(first.points).toBe(2)
    expect(first.warnings).toContain('Line 4 has no line end yet (4 bytes): it is held back until it is complete, then imported.')
    appendFileSync(file, '25\n4,2.0')
    const second = await importGrowth(c, file, { project: 'p' })
    expect(second).toMatchObject({ change: 'appended', rows: 1, points: 1, rewrites: 0 })
    expect(second.warnings).toEqual(['Line 5 has no line end yet (5 bytes): it is held back until it is complete, then imported.'])
    appendFileSync(file, '\n')
    const third = await importGrowth(c, file, { project: 'p' })
    expect(third).toMatchObject({ change: 'appended', rows: 1, points: 1, warnings: [] })
    const run = [...runs().keys()][0]
    expect(curve(run)).toEqual({ x: [1, 2, 3, 4], y: [3.0, 2.5, 2.25, 2.0] })
  })

  it('names a new run that appears in the appended rows', async () => {
    writeFileSync(file, 'run,step,metric,value\na,1,loss,3.0\n')
    await importGrowth(c, file, { project: 'p' })
    appendFileSync(file, 'b,1,loss,3.3\na,2,loss,2.8\nb,2,loss,3.0\n')
    const s = await importGrowth(c, file, { project: 'p' })
    expect(s).toMatchObject({ change: 'appended', rows: 3, points: 3, runs: 2, newRuns: ['b'] })
    expect(s.warnings).toContain('New run in the appended rows: "b".')
    expect(curve('b')).toEqual({ x: [1, 2], y: [3.3, 3.0] })
    expect(curve('a')).toEqual({ x: [1, 2], y: [3.0, 2.8] })
  })

  it('re-imports a truncated file as a replacement of its earlier import', async () => {
    writeFileSync(file, 'run,step,metric,value\na,1,loss,3.0\na,2,loss,2.5\na,3,loss,2.2\n')
    const first = await importGrowth(c, file, { project: 'p' })
    writeFileSync(file, 'run,step,metric,value\na,1,loss,2.9\n')
    const s = await importGrowth(c, file, { project: 'p' })
    expect(s).toMatchObject({ change: 'truncated', replacedImportId: first.importId, points: 1 })
    expect(s.warnings[0]).toMatch(/^The file shrank from \d+ to \d+ bytes \(truncated\): re-imported whole as a replacement of import #1\.$/)
    expect(s.warnings[1]).toMatch(/^Replaced import #1 of /)
    expect(curve('a')).toEqual({ x: [1], y: [2.9] })
    expect(c.counts()).toMatchObject({ runs: 1, points: 1, imports: 1 })
  })

  it('re-imports a file whose earlier rows changed (rewritten, not appended)', async () => {
    writeFileSync(file, 'run,step,metric,value\na,1,loss,3.0\na,2,loss,2.5\n')
    const first = await importGrowth(c, file, { project: 'p' })
    writeFileSync(file, 'run,step,metric,value\na,1,loss,3.1\na,2,loss,2.5\na,3,loss,2.3\n')
    const s = await importGrowth(c, file, { project: 'p' })
    expect(s).toMatchObject({ change: 'rewritten', replacedImportId: first.importId, points: 3 })
    expect(s.warnings[0]).toMatch(/first \d+ bytes changed since import #1 \(rewritten, not appended\): re-imported whole/)
    expect(curve('a')).toEqual({ x: [1, 2, 3], y: [3.1, 2.5, 2.3] })
  })

  it('re-imports an evaluation table that grew whole (its rows are averaged per group), and says so', async () => {
    writeFileSync(file, 'model,task,accuracy\nm1,piqa,0.50\n')
    const first = await importGrowth(c, file, { project: 'p' })
    expect(first.format).toBe('evals')
    appendFileSync(file, 'm2,piqa,0.60\n')
    const s = await importGrowth(c, file, { project: 'p' })
    expect(s).toMatchObject({ change: 'reimported', replacedImportId: first.importId, evals: 2 })
    expect(s.warnings[0]).toBe(`The file grew; its shape (evals) is read whole, not row by row (its rows are grouped or named across the file): re-imported whole as a replacement of import #${first.importId}.`)
    expect(c.listEvaluations({ projectId: c.getProject('p')!.id }).map((e) => e.value).sort()).toEqual([0.5, 0.6])
  })

  it('appends to a TensorBoard scalar export, named after its file', async () => {
    file = tmp.path('run-train-tag-loss.csv')
    writeFileSync(file, 'Wall time,Step,Value\n1700000000.5,100,4.1\n1700000010.5,200,3.7\n')
    const first = await importGrowth(c, file, { project: 'p' })
    expect(first.format).toBe('tensorboard')
    appendFileSync(file, '1700000020.5,300,3.4\n')
    const s = await importGrowth(c, file, { project: 'p' })
    // the value and the run's wall time (kept as the wall_time series)
    expect(s).toMatchObject({ change: 'appended', rows: 1, points: 2 })
    const [run] = [...runs().keys()]
    const id = runs().get(run)!
    const series = c.getRun(id).series
    expect(series.map((x) => x.metric).sort()).toEqual(['loss', 'wall_time'])
    expect(c.getSeries(series.find((x) => x.metric === 'loss')!.id)).toMatchObject({ x: [100, 200, 300], y: [4.1, 3.7, 3.4] })
    // the appended row counts from the run's first row, not from the first appended one
    expect(c.getSeries(series.find((x) => x.metric === 'wall_time')!.id)).toMatchObject({ x: [100, 200, 300], y: [0, 10, 20] })
  })

  it('appends to a W&B panel export (one column per run and metric, with bands)', async () => {
    writeFileSync(file, 'Step,r1 - loss,r1 - loss__MIN,r1 - loss__MAX,r2 - loss\n1,3.0,2.9,3.1,3.2\n')
    const first = await importGrowth(c, file, { project: 'p' })
    expect(first.format).toBe('wandb-panel')
    appendFileSync(file, '2,2.5,2.4,2.6,2.7\n')
    const s = await importGrowth(c, file, { project: 'p' })
    expect(s).toMatchObject({ change: 'appended', rows: 1, points: 2, runs: 2 })
    expect(curve('r1')).toEqual({ x: [1, 2], y: [3.0, 2.5] })
    expect(curve('r2')).toEqual({ x: [1, 2], y: [3.2, 2.7] })
  })

  it('reads appended rows of a wide log with the columns typed at its first import, and names a bad cell by its line', async () => {
    writeFileSync(file, 'step,loss,lr,note\n1,3.0,0.001,warmup\n2,2.5,0.001,x\n')
    await importGrowth(c, file, { project: 'p' })
    const run = [...runs().keys()][0]
    expect(c.getRun(runs().get(run)!).series.map((s) => s.metric).sort()).toEqual(['loss', 'lr'])
    appendFileSync(file, '3,oops,0.001,y\n')
    await expect(importGrowth(c, file, { project: 'p' })).rejects.toMatchObject({ code: 'import-value', line: 4, column: 3 })
    expect(curve(run)).toEqual({ x: [1, 2], y: [3.0, 2.5] })
  })

  it('on a real log (Clark et al. 2022 routing curves) cut into pieces, one cut mid-line, stores what a whole import stores', async () => {
    const real = join(__dirname, '..', '..', 'fixtures', 'watch', 'clark-routing-curves.csv')
    const bytes = readFileSync(real)
    const cuts = [Math.floor(bytes.length * 0.4), Math.floor(bytes.length * 0.7) + 5, bytes.length]
    writeFileSync(file, bytes.subarray(0, cuts[0]))
    const changes = [(await importGrowth(c, file, { project: 'p' })).change]
    for (let k = 1; k < cuts.length; k++) {
      appendFileSync(file, bytes.subarray(cuts[k - 1], cuts[k]))
      changes.push((await importGrowth(c, file, { project: 'p' })).change)
    }
    expect(changes).toEqual(['new', 'appended', 'appended'])

    const whole = new Catalog(':memory:')
    await importFile(whole, file, { project: 'p' })
    const dump = (cat: Catalog): unknown => {
      const pid = cat.getProject('p')!.id
      return cat.listRuns({ projectId: pid, includeHidden: true }).map((r) => {
        const d = cat.getRun(r.id)
        return { name: r.name, params: r.params, config: d.config, series: d.series.map((s) => ({ metric: s.metric, data: cat.getSeries(s.id) })) }
      })
    }
    const together = dump(whole) as { name: string; series: { data: { x: number[] } }[] }[]
    whole.close()
    // three runs (run_id 0, 1, 2), each logged every 10,000 steps: 78 data rows in all (PROVENANCE.md)
    expect(together.map((r) => r.name)).toEqual(['0', '1', '2'])
    expect(together.reduce((n, r) => n + r.series[0].data.x.length, 0)).toBe(78)
    expect(dump(c)).toEqual(together)
  })
})
