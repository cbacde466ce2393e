// Checks on the shipped demo (resources/demo-model, built by scripts/train-demo.ts). The qualitative claims come
// from Khandelwal et al. 2020 (arXiv 1911.00172): retrieval lowers perplexity; the gain and the best lambda are
// larger for domain adaptation (paper: 0.25 in-domain vs 0.65 for adaptation); perplexity falls as the datastore grows.
import { describe, expect, it } from 'vitest'
import { evaluateKnnLm, queryNextToken, sweepKnnLm } from '../../../src/core/knnlm/api'
import { loadDemo, readDemoHeldOut } from '../../../src/core/knnlm/demo'
import { loadBrown, decontaminate } from '../../../src/core/corpus'
import { readDatastoreMeta } from '../../../src/core/knnlm/datastore'

const demo = loadDemo()
const grid = { lambdas: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], ks: [demo.manifest.recipe.defaults.k], temperatures: [demo.manifest.recipe.defaults.temperature], sizes: [0.1, 0.3, 1], maxTokens: 1200 }

describe('shipped demo model and datastores', () => {
  it('kNN-LM lowers held-out perplexity with the default settings (in-domain and adaptation)', async () => {
    const inDomain = await evaluateKnnLm()
    expect(inDomain.setting).toBe('in-domain')
    expect(inDomain.tokens).toBe(demo.manifest.recipe.defaults.maxTokens)
    expect(inDomain.ppl_knnlm).toBeLessThan(inDomain.ppl_lm)
    const adapt = await evaluateKnnLm({ setting: 'adaptation' })
    expect(adapt.ppl_knnlm).toBeLessThan(adapt.ppl_lm)
  }, 180_000)

  it('domain adaptation gains more, with a higher best lambda, and perplexity falls as the datastore grows', async () => {
    const inDomain = await sweepKnnLm({ setting: 'in-domain', ...grid })
    const adapt = await sweepKnnLm({ setting: 'adaptation', ...grid })
    const gain = (s: typeof inDomain): number => 1 - s.best.ppl / s.ppl_lm
    expect(gain(adapt)).toBeGreaterThan(gain(inDomain))
    expect(adapt.best.lambda).toBeGreaterThan(inDomain.best.lambda)
    const sizes = adapt.sizeCurve.map((p) => p.ppl_best)
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1]!)
    // the best lambda grows with the datastore (Khandelwal et al. 2020, Fig. 3)
    expect(adapt.sizeCurve[adapt.sizeCurve.length - 1]!.bestLambda).toBeGreaterThanOrEqual(adapt.sizeCurve[0]!.bestLambda)
  }, 180_000)

  it('evaluation text left in a datastore is caught by decontamination', () => {
    for (const setting of ['in-domain', 'adaptation'] as const) {
      const meta = readDatastoreMeta(demo.settings[setting].datastoreDir)
      const storeIds = new Set((meta.source as { documents: string[] }).documents)
      const heldOut = setting === 'in-domain' ? demo.manifest.recipe.inDomain.heldOutDocs : demo.manifest.recipe.adaptation.heldOutDocs
      // a careless store: the datastore documents plus the held-out ones
      const docs = loadBrown().filter((d) => storeIds.has(d.id) || heldOut.includes(d.id))
      const r = decontaminate(docs, readDemoHeldOut(setting), { n: 13 })
      expect(r.removed.map((d) => d.id).sort()).toEqual([...heldOut].sort())
    }
  })

  it('shows the next-token view for a prefix', async () => {
    const view = await queryNextToken({ prefix: 'She looked at him and', setting: 'adaptation', lambda: 0.5 })
    expect(view.lmTop).toHaveLength(10)
    expect(view.neighbours.length).toBeGreaterThan(0)
    expect(view.neighbours[0]!.distance).toBeLessThanOrEqual(view.neighbours[1]!.distance)
    const pl = view.lmTop.reduce((s, t) => s + t.p, 0)
    expect(pl).toBeGreaterThan(0.1)
  })
})
