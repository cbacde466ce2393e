/**
 * A datastore build's progress, weighted by each stage's expected cost in seconds, so the bar moves with the time
 * the work takes: scoring the keys (a forward pass per token, in `threads` threads), building the HNSW index (large
 * stores), and the typical nearest-neighbour distance (domain-distance.ts). A fixed 90/10 split sat at 90-100% for
 * minutes on an indexed store, since indexing costs about as much as scoring on two cores.
 *
 * Rates measured on a 2-core machine with the shipped demo model (d_model 64, 2 layers, context 64, d_ff 256;
 * Brown news, 181,727 tokens; the same rates `npm run bench -- knnlm --datastore-only` prints):
 *   scoring 5,300 tokens/s per thread; HNSW (usearch) 14,600 keys/s at 64 dims; exact search about 1.9e10
 *   multiply-adds/s (256 queries over 23,576 keys of 64 dims in 20 ms). Only their ratios matter here: every stage slows
 *   together on a slower machine. Scoring scales with the multiply-adds of a key (forwardKeys), indexing with dims.
 */
import type { TransformerConfig } from './transformer'
import { TYPICAL_SAMPLE } from './domain-distance'

export const MEASURED = {
  scoreTokensPerSecond: 5300,
  scoreConfig: { layers: 2, dModel: 64, context: 64, dFF: 256 },
  indexKeysPerSecond: 14_600,
  indexDims: 64,
  searchMultiplyAddsPerSecond: 1.9e10,
} as const

export interface Stage {
  name: 'scoring' | 'index' | 'typical distance'
  /** expected seconds */
  cost: number
}

/** multiply-adds per token up to the last block's feed-forward input (attention projections, scores, feed-forward) */
function keyMultiplyAdds(c: Pick<TransformerConfig, 'layers' | 'dModel' | 'context' | 'dFF'>): number {
  return c.layers * (4 * c.dModel * c.dModel + 2 * c.context * c.dModel + 2 * c.dModel * c.dFF)
}

export function datastoreBuildStages(o: { tokens: number; threads: number; cores: number; index: boolean; config: Pick<TransformerConfig, 'layers' | 'dModel' | 'context' | 'dFF'> }): Stage[] {
  const perThread = (MEASURED.scoreTokensPerSecond * keyMultiplyAdds(MEASURED.scoreConfig)) / keyMultiplyAdds(o.config)
  const threads = Math.max(1, Math.min(o.threads, o.cores))
  const stages: Stage[] = [{ name: 'scoring', cost: o.tokens / (perThread * threads) }]
  if (o.index) stages.push({ name: 'index', cost: (o.tokens / MEASURED.indexKeysPerSecond) * (o.config.dModel / MEASURED.indexDims) })
  stages.push({ name: 'typical distance', cost: (TYPICAL_SAMPLE * o.tokens * o.config.dModel) / MEASURED.searchMultiplyAddsPerSecond })
  return stages
}

/**
 * Map each stage's own fraction done onto the whole: stage i covers [sum of costs before it, + its cost] / total.
 * Returns a reporter per stage name.
 */
export function stagedProgress<N extends string>(stages: ReadonlyArray<{ name: N; cost: number }>, report: ((f: number, m?: string) => void) | undefined): (name: N) => (f: number, m?: string) => void {
  const total = stages.reduce((s, x) => s + Math.max(0, x.cost), 0)
  const start = new Map<N, { from: number; width: number }>()
  let at = 0
  for (const s of stages) {
    const width = total > 0 ? Math.max(0, s.cost) / total : 1 / stages.length
    start.set(s.name, { from: at, width })
    at += width
  }
  return (name) => {
    const s = start.get(name)
    if (!s) throw new RangeError(`no stage ${name}`)
    return (f, m) => report?.(s.from + s.width * Math.min(1, Math.max(0, f)), m)
  }
}
