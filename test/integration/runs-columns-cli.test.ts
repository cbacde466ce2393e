/**
 * scaling-lab runs --columns/--filter/--sort and runs compare on real Pythia evaluation logs
 * (test/fixtures/run-columns): the JSON keeps the listing's shape and adds columns; text names every note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, runCliInProcess } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lab-cli-columns-'))
const base = ['--catalog', join(dir, 'catalog.sqlite'), '--project', 'rc']
const fixture = (name: string): string => join(repoRoot, 'test', 'fixtures', 'run-columns', name)
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const SLOW = 240_000

interface RunJson {
  id: number
  name: string
  params: number | null
  columns?: Record<string, number | null>
  columnNotes?: Record<string, string>
}

beforeAll(async () => {
  for (const f of ['pythia-steps-long.csv', 'pythia-160m-tokens-long.csv']) {
    const r = await runCliInProcess(['import', fixture(f), ...base])
    expect(r.code, r.stderr).toBe(0)
  }
}, SLOW)

describe('scaling-lab runs with metric columns', () => {
  it('adds columns and their notes to each run of the JSON, the rest of the shape unchanged, sorted descending', async () => {
    const r = await runCliInProcess(['runs', ...base, '--columns', 'lambada_openai/acc:last,piqa/acc:at=20000', '--sort', '-lambada_openai/acc:last', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const runs = (r.json as { runs: RunJson[] }).runs
    expect(Object.keys(runs[0]).sort()).toEqual(['columnNotes', 'columns', 'family', 'flops', 'id', 'name', 'params', 'tags', 'tokens'])
    expect(runs.map((x) => x.name)).toEqual(['rc-pythia-1.4b', 'rc-pythia-410m', 'rc-pythia-160m', 'rc-pythia-70m-deduped', 'rc-pythia-70m'])
    // the fixture's rows 26 and 28: pythia-1.4b's LAMBADA accuracy at step 143000, its PIQA accuracy at step 13000
    expect(runs[0].columns).toEqual({ 'lambada_openai/acc:last': 0.6161459344071415, 'piqa/acc:at=20000': 0.6670293797606094 })
    expect(runs[0].columnNotes).toEqual({ 'piqa/acc:at=20000': 'the last point at or before step 20000: step 13000' })
    expect(runs[2].columns!['piqa/acc:at=20000']).toBeNull()
    const plain = await runCliInProcess(['runs', ...base, '--json'])
    expect(Object.keys((plain.json as { runs: RunJson[] }).runs[0]).sort()).toEqual(['family', 'flops', 'id', 'name', 'params', 'tags', 'tokens'])
  }, SLOW)

  it('filters with an expression and says how many runs it kept, in JSON and in text', async () => {
    const r = await runCliInProcess(['runs', ...base, '--filter', 'params > 1e8 and family = Pythia', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = r.json as { runs: RunJson[]; filter: unknown }
    expect(out.runs.map((x) => x.name).sort()).toEqual(['rc-pythia-1.4b', 'rc-pythia-160m', 'rc-pythia-410m'])
    expect(out.filter).toEqual({ expression: 'params > 1e8 and family = Pythia', matched: 3, total: 5 })
    const text = await runCliInProcess(['runs', ...base, '--filter', 'name contains 70m', '--columns', 'piqa/acc:at_tokens=30B'])
    expect(text.stdout).toContain('piqa/acc:at_tokens=30B=-')
    expect(text.stdout).toContain('piqa/acc:at_tokens=30B: "piqa/acc" is logged against step only; at_tokens reads tokens')
    expect(text.stdout).toContain('the filter kept 2 of 5 runs')
  }, SLOW)

  it('refuses a bad filter with the column and what was expected, and a listing option on a subcommand', async () => {
    const r = await runCliInProcess(['runs', ...base, '--filter', 'params > 1e8 and (famly = x'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('unknown field "famly"')
    expect(r.stderr).toContain('at column 19')
    const sub = await runCliInProcess(['runs', 'compare', 'a,b', ...base, '--filter', 'params > 1'])
    expect(sub.code).not.toBe(0)
    expect(sub.stderr).toContain('--filter belongs to the runs listing')
  }, SLOW)
})

describe('scaling-lab runs compare', () => {
  it('prints the differing fields with every run\'s value and the count of equal ones', async () => {
    const r = await runCliInProcess(['runs', 'compare', 'rc-pythia-70m,rc-pythia-160m', ...base, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json).toMatchObject({ runs: [{ name: 'rc-pythia-70m' }, { name: 'rc-pythia-160m' }], differing: [{ field: 'params', values: [70426624, 162322944] }], equal: 10 })
    const text = await runCliInProcess(['runs', 'compare', 'rc-pythia-70m,rc-pythia-160m', ...base])
    expect(text.stdout).toMatch(/^field\s+rc-pythia-70m\s+rc-pythia-160m\nparams\s+70426624\s+162322944\n10 fields equal in every run: family, /)
    const missing = await runCliInProcess(['runs', 'compare', 'rc-pythia-70m,nope', ...base])
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain('No run named or numbered "nope"')
  }, SLOW)
})
