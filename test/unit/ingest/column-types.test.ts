/**
 * Column types come from the whole column: a typo anywhere in a result column is refused at its
 * FILE:LINE:COLUMN, or left empty and listed with `lenient`; a genuinely textual column stays text, with a
 * warning when it also holds numbers. Real-shaped fixtures: a W&B runs-table export with a typo in row 3,
 * an MLflow search_runs export, decimal-comma files with quoted "3,4". Locations are read off the fixture
 * text itself, so the test says where the cell is rather than trusting the parser.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { judgeColumn, type ColumnCensus } from '../../../src/core/ingest/census'
import { importFile, previewImport, sniffFile } from '../../../src/core/ingest'
import { fixture, labErrorOf, tempDir } from './helpers'

const tmp = tempDir('column-types-')
afterAll(() => tmp.remove())

let c: Catalog
beforeEach(() => {
  c = new Catalog(':memory:')
})
afterEach(() => c.close())

/** 1-based line and column of the first occurrence of `needle` in a file (ASCII fixtures). */
function placeOf(path: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const j = lines[i].indexOf(needle)
    if (j >= 0) return { line: i + 1, column: j + 1 }
  }
  throw new Error(`${needle} not in ${path}`)
}

const summaries = (project: string) => {
  const p = c.getProject(project)
  if (!p) return {}
  return Object.fromEntries(c.listRuns({ projectId: p.id, includeHidden: true }).map((r) => [r.name, c.getRun(r.id).summaries]))
}

const column = (numbers: number, texts: number, digitTexts = texts): ColumnCensus => ({ numbers, texts, digitTexts, missing: 0, firstTexts: [] })

describe('the rule that types a column', () => {
  it('numbers with a few mistyped cells stay numbers; words or many text cells make text', () => {
    expect(judgeColumn(column(5, 0))).toEqual({ kind: 'numeric', bad: 0 })
    expect(judgeColumn(column(0, 3))).toEqual({ kind: 'text', bad: 0 })
    expect(judgeColumn(column(0, 0))).toEqual({ kind: 'empty', bad: 0 })
    // one typo in a short table (W&B row 3 of 6)
    expect(judgeColumn(column(5, 1))).toEqual({ kind: 'numeric', bad: 1 })
    // at most one text cell per ten numbers
    expect(judgeColumn(column(100, 10))).toEqual({ kind: 'numeric', bad: 10 })
    expect(judgeColumn(column(100, 11)).kind).toBe('text')
    // a word ("auto") is a value of a config column, not a mistyped number
    expect(judgeColumn(column(100, 1, 0)).kind).toBe('text')
    // as many texts as numbers
    expect(judgeColumn(column(1, 1)).kind).toBe('text')
  })
})

describe('W&B runs-table export with a typo in row 3 of the loss column', () => {
  const file = fixture('wandb-runs-typo.csv')

  it('is refused at the typo, and nothing is written, not even the project', async () => {
    const e = await labErrorOf(() => importFile(c, file, { project: 'wandb', fileName: file }))
    expect(e.code).toBe('import-value')
    expect(e.message).toMatch(/"3\.2O66" in column "loss" is not a number/)
    expect({ line: e.line, column: e.column }).toEqual(placeOf(file, '"3.2O66"'))
    expect(e.hint).toMatch(/--lenient/)
    expect(c.getProject('wandb')).toBeUndefined()
    expect(c.counts()).toMatchObject({ projects: 0, runs: 0, imports: 0 })
  })

  it('with lenient, imports every run, leaves that cell empty and lists it', async () => {
    const s = await importFile(c, file, { project: 'wandb', fileName: file, lenient: true })
    expect(s).toMatchObject({ format: 'wandb-runs', runs: 6, duplicate: false })
    const at = placeOf(file, '"3.2O66"')
    expect(s.warnings).toContain(`1 cell that is not a number was left empty (lenient import): "3.2O66" at ${file}:${at.line}:${at.column} ("loss").`)
    const byRun = summaries('wandb')
    // values as written in the fixture
    expect(byRun['lilac-sweep-3']).toEqual({ loss: 3.1402, 'eval/accuracy': 0.3011 })
    expect(byRun['vivid-moon-9']).toEqual({ 'eval/accuracy': 0.2902 })
    expect(byRun['brisk-field-12']).toEqual({})
    expect(byRun['amber-peak-14']).toEqual({ loss: 2.7408, 'eval/accuracy': 0.3731 })
  })

  it('the preview names the cell before anything is imported', async () => {
    const p = await previewImport(file, { fileName: file })
    const at = placeOf(file, '"3.2O66"')
    expect(p.warnings.join('\n')).toContain(`Column "loss" is numbers except 1 cell (first "3.2O66" at ${file}:${at.line}:${at.column})`)
    expect(p.metricColumns).toContain('loss')
  })
})

describe('MLflow search_runs export', () => {
  const file = fixture('mlflow-search-runs-typo.csv')

  it('refuses a metrics.* typo at its place; a params.* column of numbers and words stays config', async () => {
    const e = await labErrorOf(() => importFile(c, file, { project: 'mlflow', fileName: file }))
    expect(e.message).toMatch(/"2\.4\.1" in column "metrics\.val_loss"/)
    const at = placeOf(file, ',2.4.1,')
    expect({ line: e.line, column: e.column }).toEqual({ line: at.line, column: at.column + 1 })
    const s = await importFile(c, file, { project: 'mlflow', fileName: file, lenient: true })
    expect(s.runs).toBe(4)
    expect(s.warnings.join('\n')).toMatch(/"2\.4\.1" at .*\("metrics\.val_loss"\)/)
    const byRun = summaries('mlflow')
    expect(byRun['pythia-2.8b-replica']).toEqual({ loss: 2.31 })
    expect(byRun['pythia-6.9b-replica']).toEqual({})
    const p = c.getProject('mlflow')!
    const run = c.getRun(c.listRuns({ projectId: p.id, includeHidden: true }).find((r) => r.name === 'pythia-1.4b-replica')!.id)
    expect(run.config).toMatchObject({ warmup: 2000 })
    expect(run.params).toBe(1.4e9)
  })
})

describe('a typo far down the file is found wherever it is', () => {
  const table = (rows: number, typoRow: number, typo = '2.9x1'): string => {
    const lines = ['name,params,loss']
    for (let i = 1; i <= rows; i++) lines.push(`run-${i},${i}M,${i === typoRow ? typo : (3 - i / 1000).toFixed(4)}`)
    return lines.join('\n') + '\n'
  }

  it.each([3, 601])('row %i of 800', async (row) => {
    const path = tmp.path(`typo-${row}.csv`)
    writeFileSync(path, table(800, row))
    const e = await labErrorOf(() => importFile(c, path, { project: 'p' }))
    expect(e.code).toBe('import-value')
    expect({ line: e.line, column: e.column }).toEqual({ line: row + 1, column: `run-${row},${row}M,`.length + 1 })
    expect(c.counts().runs).toBe(0)
  })

  it('a text column stays text; one that also holds numbers says so with its first text cell', async () => {
    const lines = ['name,loss,warmup,optimizer']
    for (let i = 1; i <= 30; i++) lines.push(`r${i},${(3 - i / 100).toFixed(2)},${i % 3 === 0 ? 'auto' : i * 100},adamw`)
    const path = tmp.path('config-text.csv')
    writeFileSync(path, lines.join('\n') + '\n')
    const s = await importFile(c, path, { project: 'p', fileName: 'config-text.csv' })
    expect(s.runs).toBe(30)
    expect(s.warnings).toContain('Column "warmup" holds 20 numbers and 10 text cells (first "auto" at config-text.csv:4:9); it is kept as text in the run\'s config.')
    expect(s.warnings.join('\n')).not.toMatch(/optimizer/)
    const r3 = c.getRun(c.listRuns({ projectId: c.getProject('p')!.id }).find((r) => r.name === 'r3')!.id)
    expect(r3.config).toMatchObject({ warmup: 'auto', optimizer: 'adamw' })
    expect(r3.summaries).toEqual({ loss: 2.97 })
  })

  it('a wide step log: a typo in a metric column after the sampled rows is refused, or left out with lenient', async () => {
    const lines = ['step,train_loss,eval_loss']
    for (let i = 1; i <= 700; i++) lines.push(`${i * 10},${(4 - i / 1000).toFixed(3)},${i === 650 ? '3.1.2' : (4.1 - i / 1000).toFixed(3)}`)
    const path = tmp.path('wide-typo.csv')
    writeFileSync(path, lines.join('\n') + '\n')
    const e = await labErrorOf(() => importFile(c, path, { project: 'p' }))
    expect({ line: e.line, column: e.column }).toEqual({ line: 651, column: '6500,3.350,'.length + 1 })
    const s = await importFile(c, path, { project: 'p', lenient: true })
    expect(s.points).toBe(700 + 699)
    expect(s.warnings.join('\n')).toMatch(/"3\.1\.2" at .*:651:12 \("eval_loss"\)/)
  })
})

describe('decimal commas inside quotes', () => {
  it('a ;-separated file with a BOM and CRLF, quoted "3,4" and "1,4B"', async () => {
    const file = fixture('summary-decimal-comma-quoted.csv')
    expect((await sniffFile(file, file)).decimalComma).toBe(true)
    const s = await importFile(c, file, { project: 'eu' })
    expect(s.runs).toBe(3)
    const byName = Object.fromEntries(c.listRuns({ projectId: c.getProject('eu')!.id }).map((r) => [r.name, c.getRun(r.id)]))
    expect(byName.small.summaries).toEqual({ loss: 3.4 })
    expect(byName.small.tokens).toBe(1.4e9)
    expect(byName.medium.summaries).toEqual({ loss: 3.12 })
    expect(byName.large.summaries).toEqual({ loss: 2.95 })
    expect(byName.large.config).toMatchObject({ optimizer: 'adamw' })
  })

  it('a comma-separated file whose quoted numbers use the decimal comma', async () => {
    const file = fixture('summary-comma-quoted-decimals.csv')
    expect((await sniffFile(file, file)).decimalComma).toBe(true)
    await importFile(c, file, { project: 'q' })
    expect(summaries('q')).toEqual({ 'pythia-70m': { loss: 3.512 }, 'pythia-160m': { loss: 3.05 }, 'pythia-410m': { loss: 2.71 } })
  })

  it('quoted thousands ("1,000") in a comma file are not a decimal comma', async () => {
    const path = tmp.path('thousands.csv')
    writeFileSync(path, 'name,tokens,loss\na,"1,000",3.5\nb,"2,000",3.25\n')
    expect((await sniffFile(path, path)).decimalComma).toBe(false)
    await importFile(c, path, { project: 't' })
    const a = c.getRun(c.listRuns({ projectId: c.getProject('t')!.id }).find((r) => r.name === 'a')!.id)
    expect(a.tokens).toBe(1000)
    expect(a.summaries).toEqual({ loss: 3.5 })
  })
})

describe('long step logs with lenient', () => {
  it('a value that is not a number: refused at its place, or skipped and listed', async () => {
    const path = tmp.path('long-typo.csv')
    writeFileSync(path, 'run,step,metric,value\na,1,loss,3.5\na,2,loss,3.4x\na,3,loss,3.3\n')
    const e = await labErrorOf(() => importFile(c, path, { project: 'p', fileName: 'long-typo.csv' }))
    expect([e.line, e.column]).toEqual([3, 10])
    const s = await importFile(c, path, { project: 'p', fileName: 'long-typo.csv', lenient: true })
    expect(s.points).toBe(2)
    expect(s.warnings).toContain('1 cell that is not a number was left empty (lenient import): "3.4x" at long-typo.csv:3:10 ("value").')
  })

  it('caps the list and says how many more', async () => {
    const lines = ['run,step,metric,value']
    for (let i = 1; i <= 100; i++) lines.push(`a,${i},loss,${i % 4 === 0 ? `bad${i}` : '3.0'}`)
    const path = tmp.path('many-typos.csv')
    writeFileSync(path, lines.join('\n') + '\n')
    const s = await importFile(c, path, { project: 'p', lenient: true })
    const w = s.warnings.find((x) => x.includes('left empty'))!
    expect(w).toMatch(/^25 cells that are not a number were left empty/)
    expect(w).toMatch(/; and 5 more\.$/)
    expect(w.match(/"bad\d+"/g)).toHaveLength(20)
  })
})
