/**
 * The CLI goes through the lab (issue 11): what `scaling-lab analyze` and `scaling-lab fit` compute is stored in the
 * catalog as the app's channels store it, and a value the user leaves out is the channel schema's default (the
 * analyzeEmergence and analyzeCalibration schemas in src/shared/api/analysis.ts), not a second copy in the CLI.
 * Data: the Pythia arithmetic evaluations and GPT-2 BoolQ predictions of test/fixtures (../shared/data/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLab, type Lab } from '../../src/core/lab'
import type { CatalogCounts, Project, StoredFit } from '../../src/shared/api'
import { repoRoot, runCliInProcess as runCli } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lab-cli-through-lab-'))
const catalog = join(dir, 'catalog.sqlite')
const fixture = (p: string): string => join(repoRoot, 'test', 'fixtures', p)
const TASK = 'arithmetic_addition_2operand_x1_0to99'

/** the catalog as the app sees it: a lab of its own on the same file */
async function withAppLab<T>(work: (lab: Lab, projectId: (name: string) => number) => Promise<T>): Promise<T> {
  const lab = await createLab({ catalogPath: catalog, host: 'electron', seedDemo: false })
  try {
    const projects = (await lab.invoke('listProjects', {})) as Project[]
    const projectId = (name: string): number => projects.find((p) => p.name === name)?.id ?? -1
    return await work(lab, projectId)
  } finally {
    lab.close()
  }
}

beforeAll(async () => {
  for (const [file, format, project] of [
    ['emergence/pythia_arithmetic_by_size.csv', 'evals', 'pythia'],
    ['calibration/boolq_gpt2_per_example.csv', 'predictions', 'boolq'],
  ]) {
    const r = await runCli(['import', fixture(file), '--format', format, '--project', project, '--catalog', catalog])
    expect(r.code, r.stderr).toBe(0)
  }
}, 180_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the CLI through the lab', () => {
  it('stores an emergence analysis as the app does, with the schema defaults for the seed and the bootstrap', async () => {
    const before = await withAppLab(async (lab) => ((await lab.invoke('counts', {})) as CatalogCounts).fits)
    const r = await runCli(['analyze', 'emergence', '--task', TASK, '--pool-shots', '--project', 'pythia', '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    await withAppLab(async (lab, projectId) => {
      expect(((await lab.invoke('counts', {})) as CatalogCounts).fits).toBe(before + 1)
      const [stored] = lab.context.catalog.listFits(projectId('pythia')).filter((f) => f.kind === 'emergence')
      // --seed and --bootstrap left out: the analyzeEmergence schema's defaults, 0 and 1000
      expect(stored.seed).toBe(0)
      expect(stored.options).toMatchObject({ bootstrap: 1000 })
      expect(stored.selection).toMatchObject({ task: TASK, pool_shots: true })
      // what the CLI printed is what was stored
      expect(stored.result).toEqual(r.json)
    })
  })

  it('stores a calibration analysis with the schema defaults for bins and binning', async () => {
    const r = await runCli(['analyze', 'calibration', '--task', 'boolq-1shot-gpt2', '--choices', '2', '--bootstrap', '50', '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const [printed] = r.json as { bins: number; binning: string }[]
    expect(printed).toMatchObject({ bins: 10, binning: 'width' })
    await withAppLab(async (lab, projectId) => {
      const [stored] = lab.context.catalog.listFits(projectId('boolq')).filter((f) => f.kind === 'calibration')
      expect(stored.options).toMatchObject({ bins: 10, binning: 'width', bootstrap: 50, choices: 2 })
      expect((stored.result as { results: unknown[] }).results).toEqual(r.json)
    })
  })

  it('a fit made on the command line is listed by the listFits channel the Scaling view reads', async () => {
    const dirFit = mkdtempSync(join(tmpdir(), 'lab-cli-fit-'))
    try {
      const runs = join(dirFit, 'runs.csv')
      // Kaplan et al. 2020 L(N) = (N_c / N)^alpha_N with alpha_N 0.076, N_c 8.8e13 (eq. 1.1, Table 1), at four sizes
      const rows = [1e7, 1e8, 1e9, 1e10].map((n, i) => `r${i},${n},${((8.8e13 / n) ** 0.076).toFixed(6)}`)
      writeFileSync(runs, ['name,params,loss', ...rows].join('\n') + '\n')
      const imported = await runCli(['import', runs, '--project', 'kaplan', '--catalog', catalog])
      expect(imported.code, imported.stderr).toBe(0)
      const r = await runCli(['fit', 'kaplan-n', '--project', 'kaplan', '--catalog', catalog, '--json'])
      expect(r.code, r.stderr).toBe(0)
      const printed = (r.json as { fit: { id: number; params: Record<string, number> } }).fit
      expect(printed.params.alpha_N).toBeCloseTo(0.076, 4)
      await withAppLab(async (lab, projectId) => {
        const fits = (await lab.invoke('listFits', { projectId: projectId('kaplan') })) as StoredFit[]
        expect(fits.map((f) => f.id)).toEqual([printed.id])
        expect(fits[0].result.params.alpha_N).toBeCloseTo(0.076, 4)
      })
    } finally {
      rmSync(dirFit, { recursive: true, force: true })
    }
  })
})
