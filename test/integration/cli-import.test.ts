/**
 * The CLI as a user runs it: import real and broken files, list runs, and find the catalog unchanged
 * after every refusal. Numbers: the Chinchilla file has 245 runs (../shared/data/README.md); D = C / (6N).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Catalog } from '../../src/core/catalog'
import { repoRoot, runCli } from './run-cli'

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
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/import/)
    expect(r.stdout).toMatch(/serve/)
  })

  it('imports the Chinchilla summary table and reports the counts as JSON', async () => {
    const r = await runCli(['import', fixture('chinchilla/svg_extracted_data.csv'), '--catalog', catalog, '--project', 'chinchilla', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.json).toEqual({
      imports: [expect.objectContaining({ format: 'summary', runs: 245, points: 0, evals: 0, predictions: 0, duplicate: false })],
    })
  })

  it('recognises a file imported before and changes nothing', async () => {
    const before = snapshot()
    const r = await runCli(['import', fixture('chinchilla/svg_extracted_data.csv'), '--catalog', catalog, '--project', 'chinchilla', '--json'])
    expect(r.code).toBe(0)
    expect((r.json as { imports: { duplicate: boolean }[] }).imports[0].duplicate).toBe(true)
    expect(snapshot()).toEqual(before)
  })

  it('lists runs with N, D = C / 6N and C', async () => {
    const r = await runCli(['runs', '--catalog', catalog, '--project', 'chinchilla', '--json'])
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
    const r = await runCli(['import', fixture('ingest/wandb-panel-export.csv'), '--catalog', catalog, '--project', 'wandb', '--json'])
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
      const r = await runCli(['import', fixture(file), '--catalog', catalog, '--project', 'broken', '--json'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
      const error = (r.json as { error: { file: string; line: number; column: number; message: string } }).error
      expect(error.file).toContain(file.split('/')[1])
      expect(error.line).toBeGreaterThan(0)
      expect(error.column).toBeGreaterThan(0)
      const after = snapshot()
      expect(after.integrity).toBe('ok')
      expect({ ...after.counts, projects: before.counts.projects }).toEqual(before.counts)
    })
  }

  it('refuses binary garbage', async () => {
    const garbage = join(dir, 'garbage.csv')
    writeFileSync(garbage, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256)))
    const before = snapshot()
    const r = await runCli(['import', garbage, '--catalog', catalog, '--json'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/garbage\.csv:\d+:\d+: .*binary/i)
    expect(snapshot().counts.runs).toBe(before.counts.runs)
  })

  it('says what is wrong with the command line itself', async () => {
    const r = await runCli(['import', '--format', 'excel', 'x.csv', '--catalog', catalog])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--format excel is not one of/)
    const none = await runCli(['runs', '--catalog', catalog, '--project', 'nope', '--json'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/No project named "nope"/)
  })
})
