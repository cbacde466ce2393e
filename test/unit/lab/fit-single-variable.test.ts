/**
 * Kaplan L(N) and L(D) need only N (or D) and the loss (Kaplan et al. 2020, arXiv 2001.08361, eqs. 1.1 and 1.2):
 * runs that record nothing else reach those fits (ScalingQuery.singleVariable), with NaN for what they lack, and
 * the laws that need N, D and C still refuse them. Data: L(N) = (8.8e13 / N)^0.076 and L(D) = (5.4e13 / D)^0.095,
 * Kaplan's published constants, at five sizes each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { importFile } from '../../../src/core/ingest/import-file'
import { previewFitResult } from '../../../src/core/lab/fit-store'

let lab: Lab
let dir = ''
const SIZES = [1e6, 1e7, 1e8, 1e9, 1e10]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fit-single-'))
  writeFileSync(join(dir, 'n.csv'), ['run,params,loss', ...SIZES.map((N, i) => `n${i},${N},${Math.pow(8.8e13 / N, 0.076)}`)].join('\n') + '\n')
  writeFileSync(join(dir, 'd.csv'), ['run,tokens,loss', ...SIZES.map((D, i) => `d${i},${D * 100},${Math.pow(5.4e13 / (D * 100), 0.095)}`)].join('\n') + '\n')
  lab = await createLab({ catalogPath: ':memory:', host: 'web', seedDemo: false })
  await importFile(lab.context.catalog, join(dir, 'n.csv'), { project: 'params-only' })
  await importFile(lab.context.catalog, join(dir, 'd.csv'), { project: 'tokens-only' })
}, 60_000)

afterAll(() => {
  lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

const project = (name: string): number => lab.context.catalog.getProject(name)!.id

describe('single-variable Kaplan laws on partial runs', () => {
  it('fits L(N) on runs with only parameters and loss, recovering Kaplan\'s constants', () => {
    const r = previewFitResult(lab.context.catalog, { projectId: project('params-only'), law: 'kaplan-n' })
    expect(r.n_points).toBe(5)
    expect(r.params.alpha_N).toBeCloseTo(0.076, 10)
    expect(r.params.N_c / 8.8e13).toBeCloseTo(1, 8)
    expect(r.verdict).toBe('law')
  })

  it('fits L(D) on runs with only tokens and loss', () => {
    const r = previewFitResult(lab.context.catalog, { projectId: project('tokens-only'), law: 'kaplan-d' })
    expect(r.params.alpha_D).toBeCloseTo(0.095, 10)
    expect(r.params.D_c / 5.4e13).toBeCloseTo(1, 8)
  })

  it('keeps the partial runs out of the other laws, and a backtest (it splits by compute) says why', () => {
    expect(() => previewFitResult(lab.context.catalog, { projectId: project('params-only'), law: 'kaplan-d' })).toThrow(/tokens or compute/)
    expect(() => previewFitResult(lab.context.catalog, { projectId: project('params-only'), law: 'chinchilla' })).toThrow(/tokens or compute/)
    expect(() => previewFitResult(lab.context.catalog, { projectId: project('params-only'), law: 'kaplan-n', options: { flopsCutoff: 1e20 } })).toThrow(/records neither FLOPs nor tokens/)
  })

  it('leaves the scaling points of the charts as they were (full points only)', () => {
    expect(lab.context.catalog.scalingPoints({ projectId: project('params-only') })).toEqual([])
    const partial = lab.context.catalog.scalingPoints({ projectId: project('params-only'), singleVariable: 'params' })
    expect(partial.map((p) => p.missing)).toEqual(SIZES.map(() => ['tokens', 'flops']))
    expect(partial.every((p) => Number.isNaN(p.tokens) && Number.isNaN(p.flops))).toBe(true)
  })
})
