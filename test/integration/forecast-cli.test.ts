/**
 * `scaling-lab forecast` as a user runs it: the OLMo ladder slice (test/fixtures/forecast/olmo-ladder-slice.csv: the
 * paper's 16 ladder runs and the 13B-5T target, HellaSwag and ARC-Challenge) imported into a temporary catalog, then
 * the forecast at 13B-5T. Expected: HellaSwag predictable, chained accuracy 0.8530 (paper_results/chained_main.csv,
 * row hellaswag_val_5shot, Pred 0.85304); ARC-Challenge noisy (its task-loss CV over the last 10 checkpoints of 1B-10xC
 * is 0.40%, paper_results/variance.csv) with no number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, runCliInProcess } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lab-forecast-'))
const catalog = join(dir, 'catalog.sqlite')
const target = ['--target-params', '13202396160', '--target-tokens', '5000088518656']

type Row = Record<string, unknown>

beforeAll(async () => {
  const r = await runCliInProcess(['import', join(repoRoot, 'test', 'fixtures', 'forecast', 'olmo-ladder-slice.csv'), '--format', 'evals', '--project', 'olmo', '--catalog', catalog])
  expect(r.code, r.stderr).toBe(0)
}, 180_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scaling-lab forecast', () => {
  it('forecasts HellaSwag at 13B-5T as the paper does, with a bootstrap interval', async () => {
    const r = await runCliInProcess(['forecast', '--task', 'hellaswag_val', ...target, '--bootstrap', '30', '--seed', '3', '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const f = (r.json as { forecast: Row }).forecast as {
      task: string
      triage: { verdict: string; reasons: string[] }
      loss: { value: number; interval: [number, number] }
      accuracy: { value: number; interval: [number, number] }
      runs: string[]
      held_out: Row[]
      interval_method: Row
    }
    expect(f.task).toBe('hellaswag_val')
    expect(f.triage.verdict).toBe('predictable')
    expect(f.runs).toHaveLength(16)
    expect(Math.abs(f.accuracy.value - 0.8530359563499285)).toBeLessThan(0.002)
    expect(Math.abs(f.loss.value - 0.6531765996418648)).toBeLessThan(0.002)
    expect(f.accuracy.interval[0]).toBeLessThan(f.accuracy.value)
    expect(f.accuracy.interval[1]).toBeGreaterThan(f.accuracy.value)
    expect(f.interval_method).toMatchObject({ kind: 'bootstrap-runs', resamples: 30, seed: 3 })
    expect(f.held_out.map((h) => h.model)).toEqual(['peteish13_eval_final'])
  }, 120_000)

  it('refuses to forecast ARC-Challenge (noisy) and says why', async () => {
    const r = await runCliInProcess(['forecast', '--task', 'arc_challenge_test', ...target, '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const f = (r.json as { forecast: Row }).forecast as { triage: { verdict: string; reasons: string[] }; loss: Row; accuracy: Row }
    expect(f.triage.verdict).toBe('noisy')
    expect(f.triage.reasons.join(' ')).toMatch(/CV 0\.40% > 0\.30%/)
    expect(f.loss).toEqual({ value: null, interval: null })
    expect(f.accuracy).toEqual({ value: null, interval: null })
  }, 120_000)

  it('prints the verdict and the numbers as text', async () => {
    const r = await runCliInProcess(['forecast', '--task', 'hellaswag_val', ...target, '--bootstrap', '0', '--catalog', catalog])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/hellaswag_val: predictable/)
    expect(r.stdout).toMatch(/acc \(accuracy, step 2\) 0\.853/)
  }, 120_000)

  it('refuses a missing target with a usage message', async () => {
    const r = await runCliInProcess(['forecast', '--task', 'hellaswag_val', '--target-params', '13B', '--catalog', catalog])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/--target-tokens/)
  })

  it('names an unknown run', async () => {
    const r = await runCliInProcess(['forecast', '--task', 'hellaswag_val', ...target, '--runs', '190M-1xC,nope', '--catalog', catalog])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/"nope"/)
  })
})
