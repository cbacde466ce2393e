/**
 * Metric columns, filters and sorts of listRuns on real Pythia evaluation logs (test/fixtures/run-columns): the
 * expected values are read from the fixture files here, apart from the SQL, by the rule the columns promise
 * (last / min / max of the logged values; the value at x is the last logged point at or before x).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { compareRuns } from '../../../src/core/catalog/run-compare'
import { importFile } from '../../../src/core/ingest'
import { LabError } from '../../../src/shared/errors'

const dir = join(__dirname, '..', '..', 'fixtures', 'run-columns')
const STEPS = join(dir, 'pythia-steps-long.csv')
const TOKENS = join(dir, 'pythia-160m-tokens-long.csv')

interface Point {
  run: string
  x: number
  metric: string
  value: number
}
function points(file: string): Point[] {
  const [, ...lines] = readFileSync(file, 'utf8').trim().split('\n')
  return lines.map((l) => l.split(',')).map((c) => ({ run: c[0], x: Number(c[4]), metric: c[5], value: Number(c[6]) }))
}
const all = [...points(STEPS), ...points(TOKENS)]
const series = (run: string, metric: string): Point[] => all.filter((p) => p.run === run && p.metric === metric).sort((a, b) => a.x - b.x)
const valueAt = (run: string, metric: string, x: number): number | null => series(run, metric).filter((p) => p.x <= x).pop()?.value ?? null

let c: Catalog
let projectId: number
beforeAll(async () => {
  c = new Catalog(':memory:')
  await importFile(c, STEPS, { project: 'rc' })
  await importFile(c, TOKENS, { project: 'rc' })
  projectId = c.getProject('rc')!.id
})
afterAll(() => c.close())

const LAMBADA = 'lambada_openai/acc'
const PIQA = 'piqa/acc'
const byName = <T extends { name: string }>(rows: T[]): Record<string, T> => Object.fromEntries(rows.map((r) => [r.name, r]))

describe('metric columns', () => {
  it('give last, min and max of each run\'s logged values', () => {
    const runs = byName(c.listRuns({ projectId, columns: [`${LAMBADA}:last`, `${LAMBADA}:min`, `${LAMBADA}:max`] }))
    expect(Object.keys(runs)).toHaveLength(5)
    for (const name of Object.keys(runs)) {
      const s = series(name, LAMBADA).map((p) => p.value)
      expect(runs[name].columns).toEqual({ [`${LAMBADA}:last`]: s[s.length - 1], [`${LAMBADA}:min`]: Math.min(...s), [`${LAMBADA}:max`]: Math.max(...s) })
      expect(runs[name].columnNotes).toEqual({})
    }
    // pythia-70m's LAMBADA accuracy falls after step 73000: its last value is not its max
    expect(runs['rc-pythia-70m'].columns![`${LAMBADA}:last`]).toBeLessThan(runs['rc-pythia-70m'].columns![`${LAMBADA}:max`]!)
  })

  it('read the value at a step as the last point at or before it, and say which point', () => {
    const col = `${PIQA}:at=20000`
    const runs = byName(c.listRuns({ projectId, columns: [col, `${PIQA}:at=13000`] }))
    expect(runs['rc-pythia-410m'].columns![col]).toBe(valueAt('rc-pythia-410m', PIQA, 20000))
    expect(runs['rc-pythia-410m'].columnNotes![col]).toBe('the last point at or before step 20000: step 13000')
    expect(runs['rc-pythia-410m'].columnNotes![`${PIQA}:at=13000`]).toBe('at step 13000')
  })

  it('read at= against tokens for a run that logs no steps, at_tokens= against tokens only, and say so', () => {
    const runs = byName(c.listRuns({ projectId, columns: [`${PIQA}:at=30B`, `${PIQA}:at_tokens=30B`, `${PIQA}:at_step=20000`] }))
    const tok = runs['rc-pythia-160m']
    expect(tok.columns![`${PIQA}:at=30B`]).toBe(valueAt('rc-pythia-160m', PIQA, 30e9))
    expect(tok.columnNotes![`${PIQA}:at=30B`]).toContain('has no step axis in this run: read against tokens')
    expect(tok.columns![`${PIQA}:at_tokens=30B`]).toBe(valueAt('rc-pythia-160m', PIQA, 30e9))
    expect(tok.columns![`${PIQA}:at_step=20000`]).toBeNull()
    expect(tok.columnNotes![`${PIQA}:at_step=20000`]).toBe('"piqa/acc" is logged against tokens only; at_step reads step')
    expect(runs['rc-pythia-70m'].columns![`${PIQA}:at_tokens=30B`]).toBeNull()
    expect(runs['rc-pythia-70m'].columnNotes![`${PIQA}:at_tokens=30B`]).toBe('"piqa/acc" is logged against step only; at_tokens reads tokens')
  })

  it('give null with a reason before the first point, past the end the last value with a note, and name a missing metric', () => {
    const runs = byName(c.listRuns({ projectId, columns: [`${PIQA}:at=500`, `${PIQA}:at=1e9`, 'loss:last'] }))
    const r = runs['rc-pythia-1.4b']
    expect(r.columns![`${PIQA}:at=500`]).toBeNull()
    expect(r.columnNotes![`${PIQA}:at=500`]).toBe('no point at or before step 500 (the first is at step 1000)')
    expect(r.columns![`${PIQA}:at=1e9`]).toBe(series('rc-pythia-1.4b', PIQA).pop()!.value)
    expect(r.columnNotes![`${PIQA}:at=1e9`]).toBe('step 1000000000 is past the last logged point: the value at step 143000')
    expect(r.columns!['loss:last']).toBeNull()
    expect(r.columnNotes!['loss:last']).toBe('the run logs no "loss"')
  })

  it('fall back to a run\'s summary value for last/min/max when it logs no series, and say so', () => {
    const run = c.listRuns({ projectId }).find((r) => r.name === 'rc-pythia-70m')!
    c.db.prepare('INSERT INTO summaries (run_id, metric, value) VALUES (?, ?, ?)').run(run.id, 'final_loss', 3.4)
    const got = c.listRuns({ projectId, columns: ['final_loss:min', 'final_loss:at=100'] }).find((r) => r.id === run.id)!
    expect(got.columns).toEqual({ 'final_loss:min': 3.4, 'final_loss:at=100': null })
    expect(got.columnNotes).toEqual({ 'final_loss:min': 'the run\'s summary value of "final_loss" (no logged series)', 'final_loss:at=100': 'only a summary value of "final_loss", no logged series to read at an x' })
  })
  it('say so when a run\'s series of the metric has no points', () => {
    const run = c.listRuns({ projectId }).find((r) => r.name === 'rc-pythia-410m')!
    c.db.prepare("INSERT INTO series (run_id, metric, x_kind) VALUES (?, 'empty', 'step')").run(run.id)
    const got = c.listRuns({ projectId, columns: ['empty:last', 'empty:at=10'] }).find((r) => r.id === run.id)!
    expect(got.columns).toEqual({ 'empty:last': null, 'empty:at=10': null })
    expect(got.columnNotes!['empty:last']).toBe('the run\'s step series of "empty" has no points')
  })
})

describe('listRuns filter and sort', () => {
  it('filters on run fields and on columns that were not asked, and sorts by a column with missing values last', () => {
    const filtered = c.listRuns({ projectId, filter: `params > 1e8 and family = pythia and ${LAMBADA}:last > 0.4` })
    expect(filtered.map((r) => r.name).sort()).toEqual(['rc-pythia-1.4b', 'rc-pythia-410m'])
    expect(filtered[0].columns).toBeUndefined()
    const sorted = c.listRuns({ projectId, columns: [`${PIQA}:at=20000`], sort: { by: `${PIQA}:at=20000`, dir: 'desc' } })
    const values = sorted.map((r) => r.columns![`${PIQA}:at=20000`])
    expect(values[values.length - 1]).toBeNull()
    const known = values.filter((v): v is number => v !== null)
    expect(known).toEqual([...known].sort((a, b) => b - a))
    expect(c.listRuns({ projectId, sort: { by: 'params', dir: 'asc' } }).map((r) => r.name)).toEqual(['rc-pythia-70m', 'rc-pythia-70m-deduped', 'rc-pythia-160m', 'rc-pythia-410m', 'rc-pythia-1.4b'])
  })

  it('refuses a bad column, filter or sort with where and what', () => {
    expect(() => c.listRuns({ projectId, columns: ['loss:last', 'loss:avg'] })).toThrow(/columns\[1\]: .*unknown aggregate "avg" at column 6/)
    expect(() => c.listRuns({ projectId, filter: 'params >> 3' })).toThrow(LabError)
    expect(() => c.listRuns({ projectId, sort: { by: 'size', dir: 'asc' } })).toThrow(/neither a run field nor a metric column/)
  })
})

describe('compare runs', () => {
  it('lists the fields that differ, with each run\'s value, and counts the equal ones', () => {
    const runs = byName(c.listRuns({ projectId }))
    const a = c.getRun(runs['rc-pythia-70m'].id)
    const b = c.getRun(runs['rc-pythia-70m-deduped'].id)
    const d = c.getRun(runs['rc-pythia-160m'].id)
    const same = compareRuns([a, b])
    expect(same.differing).toEqual([])
    expect(same.equal).toBe(11)
    const cmp = compareRuns([a, { ...b, config: { optimizer: { lr: 6e-4 }, seed: 1 } }, { ...d, config: { optimizer: { lr: 6e-4 }, seed: 2 } }])
    expect(cmp.runs.map((r) => r.name)).toEqual(['rc-pythia-70m', 'rc-pythia-70m-deduped', 'rc-pythia-160m'])
    expect(cmp.differing).toEqual([
      { field: 'params', values: [70426624, 70426624, 162322944] },
      { field: 'config.optimizer.lr', values: [null, 6e-4, 6e-4] },
      { field: 'config.seed', values: [null, 1, 2] },
    ])
    expect(cmp.equal).toBe(10)
    expect(cmp.equalFields).toContain('family')
  })
})
