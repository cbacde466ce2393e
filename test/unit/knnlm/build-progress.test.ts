// A datastore build's progress weighted by the measured cost of its stages (src/core/knnlm/build-progress.ts).
import { describe, expect, it } from 'vitest'
import { MEASURED, datastoreBuildStages, stagedProgress } from '../../../src/core/knnlm/build-progress'

const demoConfig = { layers: 2, dModel: 64, context: 64, dFF: 256 }

describe('datastore build progress', () => {
  it('maps each stage onto its share of the expected time', () => {
    const seen: number[] = []
    const stage = stagedProgress([{ name: 'scoring', cost: 3 }, { name: 'index', cost: 1 }], (f) => seen.push(f))
    stage('scoring')(0.5)
    stage('scoring')(1)
    stage('index')(0)
    stage('index')(0.5)
    stage('index')(1)
    expect(seen).toEqual([0.375, 0.75, 0.75, 0.875, 1])
    expect(() => stage('other' as 'index')).toThrow(/no stage/)
  })

  it('gives the HNSW index of a large store on 2 cores about 42% of the bar, not the old 10%', () => {
    // 300,000 tokens (above the HNSW threshold), 4 scoring threads on 2 cores = 2 threads' worth
    const stages = datastoreBuildStages({ tokens: 300_000, threads: 4, cores: 2, index: true, config: demoConfig })
    const total = stages.reduce((s, x) => s + x.cost, 0)
    const share = (n: string): number => stages.find((s) => s.name === n)!.cost / total
    // scoring 300,000 / (2 x 5,300) = 28.3 s, indexing 300,000 / 14,600 = 20.5 s: 20.5 / 48.9
    expect(stages.find((s) => s.name === 'scoring')!.cost).toBeCloseTo(300_000 / (2 * MEASURED.scoreTokensPerSecond), 6)
    expect(share('index')).toBeCloseTo(0.42, 2)
    expect(share('typical distance')).toBeLessThan(0.01)
  })

  it('scales scoring with the model and leaves the index out of small stores', () => {
    const small = datastoreBuildStages({ tokens: 20_000, threads: 1, cores: 2, index: false, config: demoConfig })
    expect(small.map((s) => s.name)).toEqual(['scoring', 'typical distance'])
    const wider = datastoreBuildStages({ tokens: 20_000, threads: 1, cores: 2, index: false, config: { ...demoConfig, dModel: 128, dFF: 512 } })
    // 2 x (4 d^2 + 2 c d + 2 d d_ff) multiply-adds per token: 3.57x the demo's at d_model 128
    expect(wider[0]!.cost / small[0]!.cost).toBeCloseTo((4 * 128 * 128 + 2 * 64 * 128 + 2 * 128 * 512) / (4 * 64 * 64 + 2 * 64 * 64 + 2 * 64 * 256), 6)
  })
})
