/**
 * Stage 5, near-duplicate removal with MinHash and LSH (Lee et al. 2022, arXiv 2107.06499, who used 5-gram
 * shingles and kept pairs above 0.8 similarity): shingle every document (minhash/shingles.ts), sign it with
 * numPerm seeded permutations (minhash/minhash.ts), find candidate pairs with bands x rows banding
 * (minhash/lsh.ts), accept a candidate pair when its Jaccard similarity reaches `threshold` (computed
 * exactly on the shingle sets, or estimated from the signatures with verify: 'estimate'), and join
 * accepted pairs into clusters (union-find). The earliest document of each cluster is kept.
 * Defaults: 5-word shingles, 128 permutations as 32 bands of 4 rows (candidate probability 0.9998 at
 * Jaccard 0.7, 0.2 at 0.3), threshold 0.8, seed 1.
 */
import { LabError } from '../../../shared/errors'
import { throwIfCancelled } from '../../jobs/cancelled'
import type { CorpusDocument } from '../types'
import { excerpt } from '../text/words'
import type { DuplicateCluster, StageOutcome } from '../pipeline/types'
import { jaccard, shingleHashes } from '../minhash/shingles'
import { createMinHasher, estimateJaccard } from '../minhash/minhash'
import { lshCandidatePairs } from '../minhash/lsh'

export interface NearDedupOptions {
  /** words per shingle */
  shingleSize: number
  /** signature length = bands x rows */
  numPerm: number
  bands: number
  rows: number
  /** Jaccard similarity at or above which two documents are near-duplicates */
  threshold: number
  /** seed of the permutations */
  seed: number
  /** how a candidate pair's similarity is judged */
  verify: 'exact' | 'estimate'
}

export const DEFAULT_NEAR_DEDUP_OPTIONS: NearDedupOptions = {
  shingleSize: 5,
  numPerm: 128,
  bands: 32,
  rows: 4,
  threshold: 0.8,
  seed: 1,
  verify: 'exact',
}

function badOption(message: string): LabError {
  return new LabError('bad-option', message, { hint: 'Near-duplicate options: numPerm = bands x rows, threshold in (0, 1], shingleSize a whole number of at least 1.' })
}

/** Fill in defaults so that bands x rows = numPerm, and check every value. */
export function resolveNearDedupOptions(partial: Partial<NearDedupOptions> = {}): NearDedupOptions {
  const o = { ...DEFAULT_NEAR_DEDUP_OPTIONS, ...partial }
  const has = (k: keyof NearDedupOptions): boolean => partial[k] !== undefined
  if (has('numPerm') && !has('bands') && !has('rows')) {
    o.rows = DEFAULT_NEAR_DEDUP_OPTIONS.rows
    o.bands = o.numPerm / o.rows
  } else if (has('bands') && !has('rows')) o.rows = o.numPerm / o.bands
  else if (has('rows') && !has('bands')) o.bands = o.numPerm / o.rows
  else if (has('bands') && has('rows') && !has('numPerm')) o.numPerm = o.bands * o.rows
  for (const k of ['shingleSize', 'numPerm', 'bands', 'rows'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw badOption(`${k} must be a whole number of at least 1, got ${o[k]}.`)
  }
  if (o.bands * o.rows !== o.numPerm) throw badOption(`bands x rows (${o.bands} x ${o.rows}) must equal numPerm (${o.numPerm}).`)
  if (!(o.threshold > 0 && o.threshold <= 1)) throw badOption(`threshold must be in (0, 1], got ${o.threshold}.`)
  if (!Number.isFinite(o.seed)) throw badOption(`seed must be a number, got ${o.seed}.`)
  if (o.verify !== 'exact' && o.verify !== 'estimate') throw badOption(`verify must be "exact" or "estimate", got ${String(o.verify)}.`)
  return o
}

export function nearDedupStage(docs: CorpusDocument[], partial: Partial<NearDedupOptions> = {}, onProgress?: (f: number) => void, signal?: AbortSignal): StageOutcome {
  const o = resolveNearDedupOptions(partial)
  const n = docs.length
  const shingles: Uint32Array[] = new Array<Uint32Array>(n)
  const signatures: Uint32Array[] = new Array<Uint32Array>(n)
  const hasher = createMinHasher(o.numPerm, o.seed)
  for (let i = 0; i < n; i++) {
    if (i % 32 === 0) {
      throwIfCancelled(signal)
      onProgress?.((0.8 * i) / n)
    }
    shingles[i] = shingleHashes(docs[i].text, o.shingleSize)
    signatures[i] = hasher.signature(shingles[i])
  }
  onProgress?.(0.8)
  const pairs = lshCandidatePairs(signatures, o.bands, o.rows, signal)
  onProgress?.(0.9)
  const similarity = (i: number, j: number): number => (o.verify === 'exact' ? jaccard(shingles[i], shingles[j]) : estimateJaccard(signatures[i], signatures[j]))

  // union-find whose root is always the earliest document of its cluster
  const parent = new Int32Array(n).map((_, i) => i)
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }
  const link = new Map<number, { other: number; sim: number }>()
  pairs.forEach(([i, j], p) => {
    if (p % 1024 === 0) throwIfCancelled(signal)
    const sim = similarity(i, j)
    if (sim < o.threshold) return
    const a = find(i)
    const b = find(j)
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
    for (const [x, y] of [[j, i], [i, j]]) {
      const best = link.get(x)
      if (!best || sim > best.sim) link.set(x, { other: y, sim })
    }
  })

  const out: StageOutcome = { kept: [], removed: [], clusters: [] }
  const clusters = new Map<number, DuplicateCluster>()
  for (let i = 0; i < n; i++) {
    const root = find(i)
    if (root === i) {
      out.kept.push(docs[i])
      continue
    }
    const simToKept = similarity(root, i)
    let cluster = clusters.get(root)
    if (!cluster) {
      cluster = { keptId: docs[root].id, removed: [] }
      clusters.set(root, cluster)
    }
    cluster.removed.push({ id: docs[i].id, similarity: simToKept })
    const via = link.get(i)
    const partner = via ? docs[via.other].id : docs[root].id
    const sim = via ? via.sim : simToKept
    out.removed.push({
      id: docs[i].id,
      rule: 'near-duplicate',
      reason:
        `near-duplicate of ${partner}: Jaccard ${sim.toFixed(3)} over ${o.shingleSize}-${docs[i].lang === 'zh' ? 'character' : 'word'} shingles, at least ${o.threshold}` +
        (partner !== docs[root].id ? `; its cluster keeps ${docs[root].id}` : ''),
      excerpt: excerpt(docs[i].text),
    })
  }
  out.clusters = [...clusters.values()].sort((a, b) => b.removed.length - a.removed.length)
  onProgress?.(1)
  return out
}
