/**
 * The CLI as a user runs it: import real and broken files, list runs, and find the catalog unchanged
 * after every refusal. Numbers: the Chinchilla file has 245 runs (../shared/data/README.md); D = C / (6N).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateLongLog } from '../../scripts/generate-long-log'
import { Catalog } from '../../src/core/catalog'
import { cliEntry, repoRoot, runCliInProcess, runCliProcess, type CliResult } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lab-cli-'))
const catalog = join(dir, 'catalog.sqlite')
const fixture = (p: string): string => join(repoRoot, 'test', 'fixtures', p)

function snapshot(): { counts: ReturnType<Catalog['counts']>; integrity: string } {
  const c = new Catalog(catalog)
  try {
    return { counts: c.counts(), integrity: c.integrityCheck() }
  } finally {
    c.close()
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scaling-lab import / runs', () => {
  it('prints help', async () => {
    const r = await runCliInProcess(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/import/)
    expect(r.stdout).toMatch(/serve/)
  })

  it('imports the Chinchilla summary table and reports the counts as JSON', async () => {
    const r = await runCliInProcess(['import', fixture('chinchilla/svg_extracted_data.csv'), '--catalog', catalog, '--project', 'chinchilla', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.json).toEqual({
      imports: [expect.objectContaining({ format: 'summary', runs: 245, points: 0, evals: 0, predictions: 0, duplicate: false })],
    })
  })

  it('recognises a file imported before and changes nothing', async () => {
    const before = snapshot()
    const r = await runCliInProcess(['import', fixture('chinchilla/svg_extracted_data.csv'), '--catalog', catalog, '--project', 'chinchilla', '--json'])
    expect(r.code).toBe(0)
    expect((r.json as { imports: { duplicate: boolean }[] }).imports[0].duplicate).toBe(true)
    expect(snapshot()).toEqual(before)
  })

  it('lists runs with N, D = C / 6N and C', async () => {
    const r = await runCliInProcess(['runs', '--catalog', catalog, '--project', 'chinchilla', '--json'])
    expect(r.code).toBe(0)
    const runs = (r.json as { runs: { name: string; params: number; tokens: number; flops: number; tags: string[] }[] }).runs
    expect(runs).toHaveLength(245)
    // first data row of the file: Model Size 6795600349.289497, Training FLOP 9.993852799709755e+18
    const first = runs[0]
    expect(first.params).toBeCloseTo(6795600349.289497, 3)
    expect(first.flops).toBeCloseTo(9.993852799709755e18, -6)
    expect(first.tokens).toBeCloseTo(9.993852799709755e18 / (6 * 6795600349.289497), 3)
    expect(first.tags).toEqual([])
  })

  it('imports a W&B panel export with min/max as the band of one point', async () => {
    const r = await runCliInProcess(['import', fixture('ingest/wandb-panel-export.csv'), '--catalog', catalog, '--project', 'wandb', '--json'])
    expect(r.code).toBe(0)
    const summary = (r.json as { imports: { format: string; runs: number }[] }).imports[0]
    expect(summary.format).toBe('wandb-panel')
    expect(summary.runs).toBe(2)
  })

  const broken: [string, RegExp][] = [
    ['ingest/bad-ragged.csv', /bad-ragged\.csv:3:\d+: .*fields/],
    ['ingest/bad-text-in-number.csv', /bad-text-in-number\.csv:4:\d+: .*not a number/],
    ['ingest/bad-unclosed-quote.csv', /bad-unclosed-quote\.csv:\d+:\d+: .*quote/i],
    ['ingest/bad-empty.csv', /bad-empty\.csv:1:1: .*empty/i],
  ]
  for (const [file, message] of broken) {
    it(`refuses ${file} with its location and leaves the catalog as it was`, async () => {
      const before = snapshot()
      const r = await runCliInProcess(['import', fixture(file), '--catalog', catalog, '--project', 'broken', '--json'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
      const error = (r.json as { error: { file: string; line: number; column: number; message: string } }).error
      expect(error.file).toContain(file.split('/')[1])
      expect(error.line).toBeGreaterThan(0)
      expect(error.column).toBeGreaterThan(0)
      const after = snapshot()
      expect(after.integrity).toBe('ok')
      // no empty project 'broken' is left behind
      expect(after.counts).toEqual(before.counts)
    })
  }

  it('refuses binary garbage', async () => {
    const garbage = join(dir, 'garbage.csv')
    writeFileSync(garbage, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256)))
    const before = snapshot()
    const r = await runCliInProcess(['import', garbage, '--catalog', catalog, '--json'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/garbage\.csv:\d+:\d+: .*binary/i)
    expect(snapshot().counts.runs).toBe(before.counts.runs)
  })

  it('says what is wrong with the command line itself', async () => {
    const r = await runCliInProcess(['import', '--format', 'excel', 'x.csv', '--catalog', catalog])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--format excel is not one of/)
    const none = await runCliInProcess(['runs', '--catalog', catalog, '--project', 'nope', '--json'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/No project named "nope"/)
  })
})

describe('scaling-lab import: warnings, lenient, and what it refuses or waits for', { timeout: 120_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), 'lab-cli-checks-'))
  const cat = join(home, 'catalog.sqlite')
  afterAll(() => rmSync(home, { recursive: true, force: true }))
  const typo = fixture('ingest/wandb-runs-typo.csv')
  const projects = (): string[] => {
    const c = new Catalog(cat)
    try {
      return c.listProjects().map((p) => p.name)
    } finally {
      c.close()
    }
  }

  it('refuses a typo in row 3 of a W&B loss column at FILE:LINE:COLUMN, leaving the catalog byte for byte as it was', async () => {
    expect((await runCliInProcess(['import', fixture('ingest/long-log.csv'), '--catalog', cat, '--project', 'base'])).code).toBe(0)
    const bytes = readFileSync(cat)
    const r = await runCliInProcess(['import', typo, '--catalog', cat, '--project', 'typo'])
    expect(r.code).toBe(2)
    // line 4 (row 3 after the header), the quoted loss cell "3.2O66"
    const line = readFileSync(typo, 'utf8').split('\n')[3]
    expect(r.stderr).toContain(`${typo}:4:${line.indexOf('"3.2O66"') + 1}: "3.2O66" in column "loss" is not a number`)
    expect(r.stderr).toMatch(/--lenient/)
    expect(r.stderr).not.toMatch(/database is locked/)
    expect(readFileSync(cat).equals(bytes)).toBe(true)
    expect(projects()).toEqual(['base'])
  })

  it('with --lenient imports it and prints each warning under the file, in text and in JSON', async () => {
    const text = await runCliInProcess(['import', typo, '--catalog', cat, '--project', 'lenient', '--lenient'])
    expect(text.code).toBe(0)
    const lines = text.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe(`${typo}: wandb-runs: 6 runs, 0 points, 0 evaluations, 0 predictions`)
    expect(lines.slice(1)).toContain('  warning: Columns not imported: _runtime, _step, _timestamp.')
    expect(lines.slice(1).some((l) => /^ {2}warning: 1 cell that is not a number was left empty \(lenient import\): "3\.2O66" at .*:4:\d+ \("loss"\)\.$/.test(l))).toBe(true)

    const json = await runCliInProcess(['import', fixture('ingest/mlflow-search-runs-typo.csv'), '--catalog', cat, '--project', 'lenient', '--lenient', '--json'])
    expect(json.code).toBe(0)
    const summary = (json.json as { imports: Record<string, unknown>[] }).imports[0]
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['file', 'format', 'runs', 'points', 'evals', 'predictions', 'duplicate', 'warnings', 'items']))
    expect(summary).toMatchObject({ format: 'mlflow', runs: 4, duplicate: false, items: 0 })
    expect(summary.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/"2\.4\.1" at .*\("metrics\.val_loss"\)/)]))
  })

  it('refuses a FIFO at once, by name, with exit 2', async () => {
    const fifo = join(home, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    // a process, so that a CLI blocked opening the pipe fails the test by its timeout instead of hanging the test run
    const r = await runCliProcess(['import', fifo, '--catalog', cat, '--project', 'fifo', '--json'], {}, 60_000)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${fifo}: This is a named pipe (FIFO), not a regular file`)
    expect((r.json as { error: { file: string } }).error.file).toBe(fifo)
    expect(projects()).not.toContain('fifo')
  })

  it('refuses a file whose every value is NaN', async () => {
    const nan = join(home, 'all-nan.csv')
    writeFileSync(nan, 'run,step,metric,value\na,1,loss,nan\na,2,loss,NaN\n')
    const r = await runCliInProcess(['import', nan, '--catalog', cat, '--project', 'nan'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/all-nan\.csv:2:1: None of the file's 2 data rows holds a usable value/)
    expect(projects()).not.toContain('nan')
  })

  it('two imports into one catalog at the same time both succeed', async () => {
    const a = join(home, 'a.csv')
    const b = join(home, 'b.csv')
    generateLongLog(a, { rows: 60_000, runs: 2, seed: 11 })
    generateLongLog(b, { rows: 60_000, runs: 2, seed: 12 })
    // two processes, as two users' imports are
    const [ra, rb] = await Promise.all([
      runCliProcess(['import', a, '--catalog', cat, '--project', 'together-a', '--json']),
      runCliProcess(['import', b, '--catalog', cat, '--project', 'together-b', '--json']),
    ])
    for (const r of [ra, rb]) {
      expect(r.stderr).not.toMatch(/database is locked/)
      expect(r.code).toBe(0)
      expect((r.json as { imports: { points: number }[] }).imports[0].points).toBe(60_000)
    }
  })

  /** The CLI as a child process whose stderr can be watched while it runs. */
  function startCli(args: string[], env: Record<string, string> = {}): { stderrHas: (text: string) => Promise<void>; done: Promise<CliResult> } {
    const child = spawn(process.execPath, [...cliEntry(), ...args], { cwd: repoRoot, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    const waiters: { text: string; resolve: () => void }[] = []
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      for (const w of waiters.splice(0)) (stderr.includes(w.text) ? w.resolve : () => waiters.push(w))()
    })
    const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
    const stderrHas = (text: string): Promise<void> => (stderr.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve })))
    return { stderrHas, done }
  }

  it('waits for another writer, saying so, and imports once the lock is released', async () => {
    const holder = new Catalog(cat)
    const file = join(home, 'wait.csv')
    writeFileSync(file, 'run,step,metric,value\nw,1,loss,3.5\nw,2,loss,3.25\n')
    try {
      holder.db.exec('BEGIN IMMEDIATE')
      const cli = startCli(['import', file, '--catalog', cat, '--project', 'waited'])
      await cli.stderrHas('Waiting for another import to finish…')
      holder.db.exec('COMMIT')
      const r = await cli.done
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/wait\.csv: long: 1 runs, 2 points/)
    } finally {
      if (holder.db.inTransaction) holder.db.exec('ROLLBACK')
      holder.close()
    }
  })

  it('gives up after the lock timeout with exit 2 and a clear message, never a raw "database is locked"', async () => {
    const holder = new Catalog(cat)
    const file = join(home, 'gave-up.csv')
    writeFileSync(file, 'run,step,metric,value\ng,1,loss,3.5\n')
    try {
      holder.db.exec('BEGIN IMMEDIATE')
      const r = await runCliInProcess(['import', file, '--catalog', cat, '--project', 'gave-up', '--json'], { SCALING_LAB_LOCK_TIMEOUT_MS: '300' })
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/gave-up\.csv: Another import kept the catalog locked for 0 s; this import gave up and wrote nothing/)
      expect(r.stderr).not.toMatch(/database is locked/)
    } finally {
      holder.db.exec('ROLLBACK')
      holder.close()
    }
    expect(projects()).not.toContain('gave-up')
  })

  it('prints names with control characters escaped, in the runs list and in import warnings', async () => {
    const file = join(home, 'escapes.csv')
    writeFileSync(file, 'name,loss\n"\x1b[31mred\x1b[0m",3.5\n"\x1b[31mred\x1b[0m",3.25\n')
    const imported = await runCliInProcess(['import', file, '--catalog', cat, '--project', 'escapes'])
    expect(imported.code).toBe(0)
    expect(imported.stdout).not.toContain('\x1b')
    expect(imported.stdout).toContain('  warning: Repeated run names were made unique: \\u001b[31mred\\u001b[0m -> \\u001b[31mred\\u001b[0m #2.')
    const runs = await runCliInProcess(['runs', '--catalog', cat, '--project', 'escapes'])
    expect(runs.stdout).not.toContain('\x1b')
    expect(runs.stdout).toContain('\\u001b[31mred\\u001b[0m')
    // the catalog keeps the name as it was written
    const c = new Catalog(cat)
    try {
      expect(c.listRuns({ projectId: c.getProject('escapes')!.id }).map((r) => r.name)).toContain('\x1b[31mred\x1b[0m')
    } finally {
      c.close()
    }
  })
})
