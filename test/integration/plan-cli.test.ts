/**
 * scaling-lab plan as a user runs it, on the 240 Chinchilla runs (test/fixtures/chinchilla, Epoch AI's reconstruction
 * of Hoffmann et al. 2022 Fig. 4, the 5 highest-loss rows left out as /work/shared/data/README.md says): the JSON
 * contract of issue 13, its labels, the spend respected, the naive comparison at the same cost; the grid bounds
 * (--sizes, --max-params) and bad input refused with what to do.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runCliInProcess } from './run-cli'

const T = 240_000
let dir = ''
let catalog = ''
const EXCLUDE = [1, 2, 3, 4, 5].map((i) => `svg_extracted_data-${i}`).join(',')

interface Run {
  params: number
  tokens: number
  flops: number
}
interface PlanJson {
  target_flops: number
  spend_flops: number
  interval_now: [number, number]
  recommendations: (Run & { interval_after: [number, number] })[]
  interval_expected: [number, number]
  spent_flops: number
  naive: { runs: Run[]; interval_expected: [number, number]; note: string }
  forecast: { loss: { value: number }; N_opt: { value: number; interval: [number, number] }; D_opt: { value: number; interval: [number, number] }; resamples: number; seed: number; residual_model: string }
  law: string
  approach: string
  level: number
  loss_metric: string
  method: string
  assumptions: string[]
  warnings: { code: string; message: string }[]
  fan: { flops: number; lo: number; hi: number }[]
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plan-cli-'))
  catalog = join(dir, 'catalog.sqlite')
  const a = await runCliInProcess(['import', join(repoRoot, 'test/fixtures/chinchilla/svg_extracted_data.csv'), '--catalog', catalog, '--project', 'chinchilla', '--json'])
  expect(a.code, a.stderr).toBe(0)
}, T)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const width = (i: [number, number]): number => i[1] - i[0]

describe('scaling-lab plan', () => {
  it('answers the issue\'s JSON: interval now, recommended runs within the spend, expected interval, the naive run of the same cost', async () => {
    const r = await runCliInProcess(['plan', '--catalog', catalog, '--exclude', EXCLUDE, '--target-flops', '1e25', '--spend-flops', '1e22', '--bootstrap', '40', '--seed', '3', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const p = (r.json as { plan: PlanJson }).plan
    expect(p.target_flops).toBe(1e25)
    expect(p.law).toBe('chinchilla')
    expect(p.approach).toMatch(/Approach 3/)
    expect(p.loss_metric).toBe('loss')
    expect(p.level).toBe(0.95)
    expect(p.forecast.resamples).toBe(40)
    expect(p.forecast.seed).toBe(3)
    expect(p.forecast.residual_model).toMatch(/residuals/)
    const [lo, hi] = p.interval_now
    expect(lo).toBeLessThan(p.forecast.loss.value)
    expect(hi).toBeGreaterThan(p.forecast.loss.value)
    expect(p.forecast.N_opt.interval[0]).toBeLessThan(p.forecast.N_opt.value)
    expect(p.forecast.D_opt.interval[1]).toBeGreaterThan(p.forecast.D_opt.value)
    expect(p.recommendations.length).toBeGreaterThan(0)
    for (const x of p.recommendations) expect(x.flops).toBeCloseTo(6 * x.params * x.tokens, -8)
    const spent = p.recommendations.reduce((s, x) => s + x.flops, 0)
    expect(spent).toBeLessThanOrEqual(1e22)
    expect(p.spent_flops).toBeCloseTo(spent, -8)
    expect(width(p.interval_expected)).toBeLessThan(width(p.interval_now))
    expect(width(p.interval_expected)).toBeLessThanOrEqual(width(p.naive.interval_expected))
    expect(p.naive.runs).toHaveLength(1)
    expect(p.naive.runs[0].flops / 1e22).toBeCloseTo(1, 6)
    expect(p.method).toMatch(/Gauss-Newton/)
    expect(p.assumptions.length).toBeGreaterThanOrEqual(3)
    // the fan reaches the target
    expect(p.fan[p.fan.length - 1].flops).toBeCloseTo(1e25, -20)
  }, T)

  it('keeps to the allowed sizes and the size bound, and says its method and assumptions in the text output', async () => {
    const base = ['plan', '--catalog', catalog, '--exclude', EXCLUDE, '--target-flops', '1e24', '--spend-flops', '1e21', '--sizes', '400M,1B,2.5B', '--max-params', '1.5B', '--bootstrap', '20']
    const t = await runCliInProcess(base)
    expect(t.code, t.stderr).toBe(0)
    const rows = t.stdout.split('\n').filter((l) => /^ {4}N .* -> interval/.test(l))
    expect(rows.length).toBeGreaterThan(0)
    for (const l of rows) expect(l).toMatch(/^ {4}N +(400M|1B) /)
    expect(t.stdout).toMatch(/95% predictive interval/)
    expect(t.stdout).toMatch(/naive: one more size up the ladder/)
    expect(t.stdout).toMatch(/assumptions: /)
  }, T)

  it('refuses missing budgets, a spend too small for any run, and unknown options, saying what to do', async () => {
    const a = await runCliInProcess(['plan', '--catalog', catalog, '--spend-flops', '1e20'])
    expect(a.code).not.toBe(0)
    expect(a.stderr).toMatch(/--target-flops C and --spend-flops S/)
    const b = await runCliInProcess(['plan', '--catalog', catalog, '--exclude', EXCLUDE, '--target-flops', '1e24', '--spend-flops', '1e12', '--bootstrap', '20', '--json'])
    expect(b.code).not.toBe(0)
    expect(b.stderr).toMatch(/No candidate run fits the spend/)
    const c = await runCliInProcess(['plan', '--catalog', catalog, '--target-flops', 'lots', '--spend-flops', '1e20'])
    expect(c.code).not.toBe(0)
    expect(c.stderr).toMatch(/--target-flops "lots" must be a number of FLOPs/)
  }, T)
})
