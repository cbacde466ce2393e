/**
 * scaling-lab fit LAW --multiverse, fit --diff A B and fit --rederive A as a user runs them, on runs generated here
 * from a Chinchilla-form law with known parameters (Hoffmann et al. 2022 eq. 2), recording N, D and the loss but no
 * FLOPs: the Approach-3 specifications on all runs recover the law, so their tokens per parameter at the budget equal
 * the closed form of eq. 4 recomputed here; the dimensions the data cannot vary (6ND against recorded FLOPs,
 * non-embedding and active N) are skipped with their reasons. (The N definitions, --budget and the summaries are
 * covered by test/unit/multiverse on smaller work: one audit here keeps the test quick.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from './run-cli'

const T = 240_000
const TRUE = { E: 1.9, A: 300, B: 2500, alpha: 0.32, beta: 0.36 }
const DIMENSIONS = ['approach', 'estimator', 'points', 'n_definition', 'flops', 'start']
let dir = ''
let catalog = ''

/** Hoffmann et al. 2022 eq. 4: D_opt / N_opt at budget C. */
function tokensPerParam(p: typeof TRUE, C: number): number {
  const G = Math.pow((p.alpha * p.A) / (p.beta * p.B), 1 / (p.alpha + p.beta))
  const N = G * Math.pow(C / 6, p.beta / (p.alpha + p.beta))
  const D = Math.pow(C / 6, p.alpha / (p.alpha + p.beta)) / G
  return D / N
}

interface Spec {
  choices: Record<string, string | null>
  params: Record<string, number>
  a: number | null
  b: number | null
  tokens_per_param: number | null
  loss_at_budget: number | null
  converged: boolean
}
interface Multiverse {
  budget: number
  specs: Spec[]
  spread: { tokens_per_param: [number, number]; a: [number, number] }
  most_influential: string
  measure: string
  skipped: { choices: Record<string, string>; reason: string }[]
  warnings: string[]
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fit-multiverse-'))
  catalog = join(dir, 'catalog.sqlite')
  const rows = ['run,params,tokens,loss']
  for (const N of [3e7, 1e8, 3e8, 1e9, 3e9]) {
    for (const r of [4, 12, 36, 108]) rows.push(`s-${N}-${r},${N},${N * r},${TRUE.E + TRUE.A / Math.pow(N, TRUE.alpha) + TRUE.B / Math.pow(N * r, TRUE.beta)}`)
  }
  writeFileSync(join(dir, 'synthetic.csv'), rows.join('\n') + '\n')
  const r = await runCliInProcess(['import', join(dir, 'synthetic.csv'), '--catalog', catalog, '--project', 'synthetic', '--json'])
  expect(r.code, r.stderr).toBe(0)
}, T)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scaling-lab fit --multiverse', () => {
  let mv: Multiverse
  it('refits every specification and keeps the JSON shape of the issue', async () => {
    const r = await runCliInProcess(['fit', 'chinchilla', '--multiverse', '--catalog', catalog, '--project', 'synthetic', '--json'])
    expect(r.code, r.stderr).toBe(0)
    mv = (r.json as { multiverse: Multiverse }).multiverse
    expect(mv.budget).toBe(5.76e23)
    expect(mv.specs.length).toBeGreaterThan(50)
    for (const s of mv.specs) {
      expect(Object.keys(s.choices).sort()).toEqual([...DIMENSIONS].sort())
      for (const k of ['params', 'a', 'b', 'tokens_per_param', 'loss_at_budget', 'converged']) expect(s).toHaveProperty(k)
    }
    expect(DIMENSIONS).toContain(mv.most_influential)
    expect(mv.measure).toMatch(/median log10\(tokens per parameter/)
  }, T)

  it('recovers the generating law under every Approach-3 estimator on total N and all runs', () => {
    const exact = tokensPerParam(TRUE, 5.76e23)
    const a3 = mv.specs.filter((s) => s.choices.approach === '3' && s.choices.points === 'all' && s.choices.n_definition === 'total')
    expect(a3.length).toBe(8) // 4 estimators x 2 starts
    for (const s of a3) {
      expect(s.converged).toBe(true)
      expect(s.tokens_per_param! / exact - 1).toBeLessThan(1e-4)
      expect(Math.abs(s.a! - TRUE.beta / (TRUE.alpha + TRUE.beta))).toBeLessThan(1e-5)
    }
    expect(mv.spread.tokens_per_param[0]).toBeLessThanOrEqual(exact * (1 + 1e-4))
    expect(mv.spread.tokens_per_param[1]).toBeGreaterThanOrEqual(exact * (1 - 1e-4))
  })

  it('names each choice it could not vary, and why', () => {
    const reasons = mv.skipped.map((s) => `${JSON.stringify(s.choices)} ${s.reason}`).join('\n')
    expect(reasons).toMatch(/"flops":"6ND".*record no FLOPs/)
    expect(reasons).toMatch(/"n_definition":"active".*active parameters are missing/)
    expect(reasons).toMatch(/"n_definition":"non-embedding".*non-embedding parameters are missing for 20 of 20 runs/)
    expect(mv.warnings.join(' ')).toMatch(/skipped/)
  })

  it('refuses laws it cannot audit', async () => {
    const bad = await runCliInProcess(['fit', 'kaplan-n', '--multiverse', '--catalog', catalog, '--project', 'synthetic'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toMatch(/--multiverse audits the compute-optimal laws/)
    const opt = await runCliInProcess(['fit', 'chinchilla', '--multiverse', '--estimator', 'huber-mle', '--catalog', catalog, '--project', 'synthetic'])
    expect(opt.code).not.toBe(0)
    expect(opt.stderr).toMatch(/varies the estimator, points and approach itself/)
  }, T)
})

describe('scaling-lab fit --diff and --rederive', () => {
  let a = 0
  let b = 0
  it('re-derives a stored fit bit for bit when nothing changed', async () => {
    const f = await runCliInProcess(['fit', 'chinchilla', '--catalog', catalog, '--project', 'synthetic', '--json'])
    expect(f.code, f.stderr).toBe(0)
    const fit = (f.json as { fit: { id: number; data_hash: string; engine_version: number } }).fit
    a = fit.id
    expect(fit.data_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(fit.engine_version).toBe(1)
    const r = await runCliInProcess(['fit', '--rederive', String(a), '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = (r.json as { rederive: { identical: boolean; data_changed: boolean; max_relative_difference: number } }).rederive
    expect(out.data_changed).toBe(false)
    expect(out.identical).toBe(true)
    expect(out.max_relative_difference).toBe(0)
  }, T)

  it('says which runs, choices and numbers differ between two fits', async () => {
    const f = await runCliInProcess(['fit', 'chinchilla', '--estimator', 'huber-mle', '--exclude', 's-30000000-4', '--catalog', catalog, '--project', 'synthetic', '--json'])
    expect(f.code, f.stderr).toBe(0)
    b = (f.json as { fit: { id: number } }).fit.id
    const r = await runCliInProcess(['fit', '--diff', String(a), String(b), '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const d = (r.json as { diff: { data: { removed: string[]; added: string[] }; choices: { field: string }[]; numbers: { name: string; a: number; b: number }[] } }).diff
    expect(d.data.removed).toEqual(['s-30000000-4'])
    expect(d.data.added).toEqual([])
    expect(d.choices.map((c) => c.field)).toEqual(expect.arrayContaining(['excluded', 'options.estimator']))
    const alpha = d.numbers.find((n) => n.name === 'alpha')!
    expect(alpha.a).toBeCloseTo(TRUE.alpha, 5)
    expect(alpha.b).toBeCloseTo(TRUE.alpha, 3)
    const text = await runCliInProcess(['fit', '--diff', String(a), String(b), '--catalog', catalog])
    expect(text.stdout).toMatch(/removed: s-30000000-4/)
  }, T)

  it('says first that the data changed when a run was corrected since the fit', async () => {
    const e = await runCliInProcess(['runs', 'set', 's-3000000000-108', '--params', '3.3e9', '--catalog', catalog, '--project', 'synthetic'])
    expect(e.code, e.stderr).toBe(0)
    const r = await runCliInProcess(['fit', '--rederive', String(a), '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = (r.json as { rederive: { identical: boolean; data_changed: boolean; data: { changed: { run: string; fields: Record<string, [number, number]> }[] } } }).rederive
    expect(out.data_changed).toBe(true)
    expect(out.data.changed).toHaveLength(1)
    const [changed] = out.data.changed
    expect(changed.run).toBe('s-3000000000-108')
    expect(changed.fields.params).toEqual([3e9, 3.3e9])
    // its FLOPs were derived on import (C = 6ND, the log gave tokens): they follow the corrected size
    expect(Object.keys(changed.fields).sort()).toEqual(['flops', 'params'])
    expect(changed.fields.flops[1] / changed.fields.flops[0]).toBeCloseTo(1.1, 12)
    expect(e.stdout).toMatch(/flops \S+ -> \S+ \(derived again: C = 6ND, N the active parameters where set\)/)
    expect(out.identical).toBe(false)
    const text = await runCliInProcess(['fit', '--rederive', String(a), '--catalog', catalog])
    expect(text.stdout.indexOf('data changed since the fit')).toBeLessThan(text.stdout.indexOf('numbers:'))
  }, T)

  it('refuses a missing or malformed fit id', async () => {
    const r = await runCliInProcess(['fit', '--rederive', 'x', '--catalog', catalog])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/stored fit's id/)
    const m = await runCliInProcess(['fit', '--diff', '1', '999', '--catalog', catalog])
    expect(m.code).not.toBe(0)
    expect(m.stderr).toMatch(/No stored fit with id 999/)
  }, T)
})
