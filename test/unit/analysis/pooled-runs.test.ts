/**
 * How evaluations reach the analyses (issue 9): on the real Pythia v1 file, the `deduped` column keeps plain and
 * deduplicated models of one size in different families, so no size pools two different models; with the flag
 * unmapped they pool, and the evidence names the sizes and models pooled. Item counts reach the points as n.
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'
import { analyzeEmergence, classifyTrend } from '../../../src/core/analysis'
import { evalPointsFromCatalog } from '../../../src/core/analysis/from-catalog'
import { buildSizeSeries } from '../../../src/core/analysis/size-series'

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'ingest')
const PYTHIA = join(FIXTURES, 'real', 'pythia_v1_lambada_piqa_zeroshot.csv')

let c: Catalog
beforeEach(() => {
  c = new Catalog(':memory:')
})
afterEach(() => c.close())

const points = (task: string) => evalPointsFromCatalog(c.listEvaluations({ projectId: c.getProject('p')!.id, task }))

describe('evaluations by size', () => {
  it('Pythia v1 with its deduped flag: one model per size in each family, nothing pooled', async () => {
    await importFile(c, PYTHIA, { project: 'p' })
    const lambada = points('lambada_openai')
    expect(new Set(lambada.map((p) => p.family))).toEqual(new Set(['standard', 'deduped']))
    for (const family of ['standard', 'deduped']) {
      const series = buildSizeSeries(lambada.filter((p) => p.family === family))
      expect(series.pooled).toEqual([])
      expect(series.points.every((p) => p.runs === 1)).toBe(true)
    }
    const trends = classifyTrend(lambada, { bootstrap: 0 })
    expect(trends.map((t) => [t.family, t.evidence.pooled_runs])).toEqual([
      ['deduped', []],
      ['standard', []],
    ])
  })

  it('with the flag unmapped, plain and deduped models of one size pool, and the evidence lists them', async () => {
    await importFile(c, PYTHIA, { project: 'p', mapping: { family_flag: '' } })
    const lambada = points('lambada_openai')
    expect(lambada.every((p) => p.family === undefined)).toBe(true)
    const [trend] = classifyTrend(lambada, { bootstrap: 0 })
    // 7 sizes have a plain and a deduped model; 1b exists only deduped (data README: 15 models)
    expect(trend.evidence.pooled_runs).toHaveLength(7)
    expect(trend.evidence.pooled_runs[0]).toEqual({ x: 70426624, models: ['pythia-70m', 'pythia-70m-deduped'] })
    const [emergence] = analyzeEmergence(lambada, { bootstrap: 0 })
    expect(emergence.evidence.pooled_runs).toEqual(trend.evidence.pooled_runs)
  })

  it('item counts reach the analysis points as n', async () => {
    await importFile(c, join(FIXTURES, 'evals-per-item-boolq.csv'), { project: 'p' })
    const boolq = points('boolq-0shot-gpt2')
    expect(boolq.map((p) => p.n)).toEqual([60, 60, 60, 60])
  })
})
