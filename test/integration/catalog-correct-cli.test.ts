/**
 * Correcting the catalog from the CLI: a W&B runs table whose size column is not recognised (24 real Chinchilla
 * runs, scripts/reference/wandb-runs-model-cfg.py) is imported, re-imported with --replace and a corrected mapping,
 * fitted with its loss named ("final loss"), and one run's fields are set by hand with `runs set`.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Catalog } from '../../src/core/catalog'
import { repoRoot, runCliInProcess } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lab-cli-correct-'))
const catalog = join(dir, 'catalog.sqlite')
const file = join(repoRoot, 'test', 'fixtures', 'catalog', 'wandb-runs-model-cfg.csv')
const base = ['--catalog', catalog, '--project', 'wandb']
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface RunJson {
  id: number
  name: string
  params: number | null
  tokens: number | null
  flops: number | null
  family: string | null
  tags: string[]
}
/** the project's runs, read from the catalog file (fewer CLI start-ups keep the test fast) */
async function runs(): Promise<RunJson[]> {
  const c = new Catalog(catalog)
  try {
    return c.listRuns({ projectId: c.getProject('wandb')!.id, includeHidden: true })
  } finally {
    c.close()
  }
}
const SLOW = 240_000

describe('scaling-lab import --replace, fit --loss-metric, runs set', () => {
  it('imports the table without parameters, and a plain re-import says to use --replace', async () => {
    expect((await runCliInProcess(['import', file, ...base])).code).toBe(0)
    expect((await runs()).every((r) => r.params === null)).toBe(true)
    const again = await runCliInProcess(['import', file, ...base, '--map', 'params=model_cfg.size'])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/already imported \(same SHA-256, import #1\), nothing changed; use --replace to import it again with another mapping/)
    expect((await runs()).every((r) => r.params === null)).toBe(true)
  }, SLOW)

  it('replaces the earlier import with --replace and the corrected mapping', async () => {
    const r = await runCliInProcess(['import', file, ...base, '--map', 'params=model_cfg.size', '--replace', '--json'])
    expect(r.code).toBe(0)
    const summary = (r.json as { imports: { replacedImportId?: number; runs: number; duplicate: boolean; warnings: string[] }[] }).imports[0]
    expect(summary).toMatchObject({ replacedImportId: 1, runs: 24, duplicate: false })
    expect(summary.warnings[0]).toMatch(/^Replaced import #1 /)
    const list = await runs()
    expect(list).toHaveLength(24)
    expect(list[0]).toMatchObject({ name: 'chinchilla-fig4-00', params: 1.73e9 })
    const text = await runCliInProcess(['import', file, ...base, '--map', 'params=model_cfg.size', '--replace'])
    expect(text.stdout).toMatch(/24 runs, 0 points, 0 evaluations, 0 predictions \(replaced import #2\)/)
  }, SLOW)

  it('fits Kaplan L(N) on "final loss" and names the loss metric in JSON and text', async () => {
    const j = await runCliInProcess(['fit', 'kaplan-n', ...base, '--json'])
    expect(j.stderr).toBe('')
    const fit = (j.json as { fit: Record<string, unknown> }).fit
    expect(fit).toMatchObject({ law: 'kaplan-n', n_points: 24, loss_metric: 'final loss', loss_metric_source: 'preference' })
    expect(fit.loss_metric_note).toMatch(/not chosen for this project, the only loss-like metric/)
    const t = await runCliInProcess(['fit', 'kaplan-n', ...base])
    expect(t.stdout).toMatch(/^ {2}loss = "final loss": not chosen for this project/m)
  }, SLOW)

  it('takes --loss-metric as the fit\'s loss, and refuses one no run records', async () => {
    const ok = await runCliInProcess(['fit', 'kaplan-n', ...base, '--loss-metric', 'final loss', '--json'])
    expect((ok.json as { fit: Record<string, unknown> }).fit).toMatchObject({ loss_metric: 'final loss', loss_metric_source: 'request' })
    const bad = await runCliInProcess(['fit', 'kaplan-n', ...base, '--loss-metric', 'val_loss'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/final "val_loss"/)
    const clash = await runCliInProcess(['fit', 'kaplan-n', ...base, '--loss-metric', 'final loss', '--metric', 'loss'])
    expect(clash.code).toBe(2)
    expect(clash.stderr).toMatch(/disagree/)
  }, SLOW)

  it('sets a run\'s fields with units by name or id, and records each change', async () => {
    const r = await runCliInProcess(['runs', 'set', 'chinchilla-fig4-00', ...base, '--params', '1.4B', '--tokens', '300B', '--flops', '5.76e23', '--family', 'Pythia', '--tags', 'a,b', '--experts', '8', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = r.json as { run: RunJson & { experts: number }; edits: { field: string; oldValue: unknown; newValue: unknown }[] }
    expect(out.run).toMatchObject({ params: 1.4e9, tokens: 3e11, flops: 5.76e23, family: 'Pythia', tags: ['a', 'b'], experts: 8 })
    expect(out.edits.map((e) => e.field)).toEqual(['family', 'params', 'tokens', 'flops', 'experts', 'tags'])
    expect(out.edits[1]).toMatchObject({ oldValue: 1.73e9, newValue: 1.4e9 })
    const byId = await runCliInProcess(['runs', 'set', String(out.run.id), ...base, '--params', '70M'])
    expect(byId.code).toBe(0)
    expect(byId.stdout).toBe(`run ${out.run.id} chinchilla-fig4-00: params 1400000000 -> 70000000\n`)
    const cleared = await runCliInProcess(['runs', 'set', 'chinchilla-fig4-00', ...base, '--clear', 'flops,experts', '--json'])
    expect(cleared.code).toBe(0)
    const after = cleared.json as { run: RunJson & { experts: number | null }; edits: { field: string; oldValue: unknown; newValue: unknown }[] }
    expect(after.run).toMatchObject({ flops: null, experts: null, params: 7e7 })
    expect(after.edits.slice(0, 2)).toMatchObject([
      { field: 'flops', oldValue: 5.76e23, newValue: null },
      { field: 'experts', oldValue: 8, newValue: null },
    ])
  }, SLOW)

  it('derives the tokens again when the size they were derived from is corrected, says so, and leaves values set by hand alone', async () => {
    const find = async () => (await runs()).find((r) => r.name === 'chinchilla-fig4-02')!
    const before = await find()
    // the table gives FLOPs and the size, no tokens: the importer derived D = C / 6N
    expect(before.tokens! / (before.flops! / (6 * before.params!))).toBeCloseTo(1, 12)
    const r = await runCliInProcess(['runs', 'set', 'chinchilla-fig4-02', ...base, '--params', '2B'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/params \S+ -> 2000000000\n/)
    expect(r.stdout).toMatch(/tokens \S+ -> \S+ \(derived again: D = C \/ 6N, N the active parameters where set\)/)
    const after = await find()
    expect(after.flops).toBe(before.flops)
    expect(after.tokens! / (before.flops! / 12e9)).toBeCloseTo(1, 12)
    const json = await runCliInProcess(['runs', 'set', 'chinchilla-fig4-02', ...base, '--params', '2.2B', '--json'])
    const edits = (json.json as { edits: { field: string; note?: string }[] }).edits
    expect(edits.map((e) => [e.field, e.note])).toEqual([
      ['params', undefined],
      ['tokens', 'derived again: D = C / 6N, N the active parameters where set'],
    ])
    // tokens set by hand are the user's: a later size correction leaves them
    await runCliInProcess(['runs', 'set', 'chinchilla-fig4-02', ...base, '--tokens', '5e10'])
    const again = await runCliInProcess(['runs', 'set', 'chinchilla-fig4-02', ...base, '--params', '3B'])
    expect(again.stdout).not.toMatch(/tokens/)
    expect((await find()).tokens).toBe(5e10)
  }, SLOW)

  it('refuses bad values with a clear message and exit 2, changing nothing', async () => {
    const before = await runs()
    for (const [args, message] of [
      [['--params', 'lots'], /--params "lots" must be a positive number/],
      [['--experts', '2.5'], /--experts "2.5" must be a whole number/],
    ] as [string[], RegExp][]) {
      const r = await runCliInProcess(['runs', 'set', 'chinchilla-fig4-01', ...base, ...args])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
    }
    const unknown = await runCliInProcess(['runs', 'set', 'no-such-run', ...base, '--params', '1B'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/No run named or numbered "no-such-run"/)
    expect(await runs()).toEqual(before)
  }, SLOW)
})
