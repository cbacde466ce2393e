// The out-of-domain check (src/core/knnlm/domain-distance.ts) on the shipped English demo datastore: Chinese text
// (Tang poems from the built-in chinese-poetry corpus) is far outside it, its own held-out English text is not.
import { describe, expect, it } from 'vitest'
import { queryNextToken } from '../../../src/core/knnlm/api'
import { readDemoHeldOut } from '../../../src/core/knnlm/demo'
import { makeDatastore } from '../../../src/core/knnlm/datastore'
import { OUT_OF_DOMAIN_RATIO, checkDomain, typicalNearestDistance } from '../../../src/core/knnlm/domain-distance'
import { loadChinesePoetry } from '../../../src/core/corpus/sources/chinese-poetry'

const poem = loadChinesePoetry({ dynasties: ['tang'] })[0]!.text.slice(0, 24)

describe('out-of-domain prefixes', () => {
  it('flags Chinese text against the English demo datastore, with its ratio', async () => {
    for (const setting of ['in-domain', 'adaptation'] as const) {
      const view = await queryNextToken({ prefix: poem, setting })
      expect(view.domain?.outOfDomain).toBe(true)
      // measured 47.5 to 66.3 on Tang poems (scripts/knnlm-domain-ratios.ts)
      expect(view.domain!.ratio).toBeGreaterThan(2 * OUT_OF_DOMAIN_RATIO)
      expect(view.domain!.typicalFrom).toBe('computed on load')
      expect(view.domain!.positions).toBe(16)
    }
  })

  it('does not flag the in-domain held-out English text', async () => {
    const heldOut = readDemoHeldOut('in-domain')
    for (const at of [0, 5000, 20000, 40000]) {
      const view = await queryNextToken({ prefix: heldOut.slice(at, at + 200), setting: 'in-domain' })
      expect(view.domain?.outOfDomain).toBe(false)
      expect(view.domain!.ratio).toBeLessThan(OUT_OF_DOMAIN_RATIO / 2)
    }
  })

  it('computes the typical distance without counting a key as its own neighbour', async () => {
    // four keys on a line at 0, 1, 3, 6: nearest other-key squared distances 1, 1, 4, 9 -> median 2.5
    const ds = makeDatastore({ dims: 1, dtype: 'float32', tokenizerId: null, modelId: null }, Float32Array.of(0, 1, 3, 6), Int32Array.of(0, 1, 2, 3))
    expect(await typicalNearestDistance(ds)).toEqual({ median: 2.5, sample: 4 })
    // a query at 16: nearest key 6, squared distance 100 = 40 times typical
    const c = await checkDomain(ds, Float32Array.of(16))
    expect(c).toMatchObject({ ratio: 40, distance: 100, typical: 2.5, outOfDomain: true, positions: 1 })
  })

  it('an empty prefix has no domain check', async () => {
    const view = await queryNextToken({ prefix: '', setting: 'in-domain' })
    expect(view.domain).toBeUndefined()
  })
})
