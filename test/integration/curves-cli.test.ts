/**
 * scaling-lab curves: the real OLMo ladder 190M runs (test/fixtures/curves) grouped over seed, as JSON (the
 * CurveChart) and as SVG / PNG figures through the figure path; unknown runs and bad flags refused with a message.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CurveChart } from '../../src/shared/api/curves'
import { repoRoot, runCliInProcess } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'curves-cli-'))
const cat = join(dir, 'lab.sqlite')
const ref = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/curves/curves-reference.json'), 'utf8')) as { seedBand: { mean: number[] } }
const base = ['--catalog', cat, '--project', 'olmo']

beforeAll(async () => {
  copyFileSync(join(repoRoot, 'test/fixtures/curves/olmo-190m-seeds.csv'), join(dir, 'olmo.csv'))
  expect((await runCliInProcess(['import', join(dir, 'olmo.csv'), ...base])).code).toBe(0)
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scaling-lab curves', () => {
  it('--json prints the CurveChart: the seeds as one mean line with its band, the group of one said', async () => {
    const r = await runCliInProcess(['curves', '--runs', '190M-1xC,190M-1xC-rerun,190M-2xC', '--metric', 'ce_c4_en', '--x', 'tokens', '--group-by', 'seed', '--band', 'std', '--json', ...base])
    expect(r.code).toBe(0)
    const chart = r.json as CurveChart
    expect(chart.x).toBe('tokens')
    const [seeds, single] = chart.panels[0].lines
    expect(seeds.label).toBe('190M-1xC (seeds)')
    seeds.y.forEach((v, i) => expect(v).toBeCloseTo(ref.seedBand.mean[i], 12))
    expect(seeds.lo).toHaveLength(seeds.x.length)
    expect(single.label).toBe('190M-2xC (seeds)')
    expect(chart.warnings).toContain('Group 190M-2xC (seeds) has one run (190M-2xC); it is drawn as that run, without a band.')
  }, 60_000)

  it('prints a line per drawn line and the warnings as text', async () => {
    const r = await runCliInProcess(['curves', '--runs', '190M-1xC,190M-2xC', '--metric', 'ce_c4_en', '--metric', 'loss', '--x', 'tokens', '--log-x', ...base])
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('ce_c4_en against tokens: 2 lines')
    expect(lines[1]).toMatch(/^ {2}190M-1xC +runs=1 points=37\/37 x=1\.0486e\+8\.\.3\.8126e\+9 first=6\.0299 last=3\.601 min=3\.601$/)
    expect(lines).toContain('loss against tokens: 0 lines')
    expect(lines).toContain('  warning: Run 190M-1xC: no loss series over tokens; not drawn.')
  }, 60_000)

  it('--out writes an SVG with a smoothed line per run and a PNG, and --json still prints the chart', async () => {
    const svg = join(dir, 'curves.svg')
    const r = await runCliInProcess(['curves', '--runs', '190M-1xC,190M-1xC-rerun', '--metric', 'ce_c4_en', '--x', 'tokens', '--group-by', 'seed', '--smoothing', '0.6', '--log-x', '--out', svg, '--json', ...base])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^wrote .*curves\.svg \(svg, \d+ bytes\)\n$/)
    expect((r.json as CurveChart).panels[0].lines).toHaveLength(1)
    const text = readFileSync(svg, 'utf8')
    expect(text.startsWith('<svg')).toBe(true)
    expect(text).toContain('190M-1xC (seeds)')
    const png = join(dir, 'curves.png')
    expect((await runCliInProcess(['curves', '--runs', '190M-1xC', '--metric', 'ce_c4_en', '--x', 'tokens', '--out', png, ...base])).code).toBe(0)
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
  }, 60_000)

  it('refuses unknown runs, a bad --x and a smoothing weight of 1 with what to do', async () => {
    const unknown = await runCliInProcess(['curves', '--runs', 'nope', '--metric', 'loss', ...base])
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toMatch(/--runs: no run named "nope"/)
    const badX = await runCliInProcess(['curves', '--runs', '190M-1xC', '--metric', 'loss', '--x', 'epochs', ...base])
    expect(badX.stderr).toMatch(/--x "epochs" must be step, tokens, flops, wall_time or metric:<name>/)
    const badW = await runCliInProcess(['curves', '--runs', '190M-1xC', '--metric', 'loss', '--smoothing', '1', ...base])
    expect(badW.stderr).toMatch(/--smoothing/)
  }, 60_000)
})
