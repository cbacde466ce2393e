/**
 * Locality-sensitive hashing for MinHash signatures (the banding technique; Leskovec, Rajaraman & Ullman,
 * Mining of Massive Datasets, ch. 3): split each signature of b*r values into b bands of r rows; documents
 * that agree on all rows of some band become candidate pairs. Two sets with Jaccard similarity s are
 * candidates with probability 1 - (1 - s^r)^b, an S-curve with its steepest rise near (1/b)^(1/r).
 */
import { throwIfCancelled } from '../../jobs/cancelled'

/** Probability that a pair with Jaccard s becomes a candidate. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands)
}

/** The similarity where the S-curve rises fastest, approximately (1/b)^(1/r). */
export function lshThreshold(bands: number, rows: number): number {
  return Math.pow(1 / bands, 1 / rows)
}

/** Candidate pairs [i, j] with i < j, each once, in increasing order of i then j. */
export function lshCandidatePairs(signatures: Uint32Array[], bands: number, rows: number, signal?: AbortSignal): [number, number][] {
  const seen = new Set<number>()
  const pairs: [number, number][] = []
  const n = signatures.length
  for (let band = 0; band < bands; band++) {
    throwIfCancelled(signal)
    const buckets = new Map<string, number[]>()
    for (let d = 0; d < n; d++) {
      const sig = signatures[d]
      let key = ''
      for (let r = band * rows; r < (band + 1) * rows; r++) key += sig[r].toString(36) + ','
      const bucket = buckets.get(key)
      if (bucket) bucket.push(d)
      else buckets.set(key, [d])
    }
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const id = bucket[x] * n + bucket[y]
          if (!seen.has(id)) {
            seen.add(id)
            pairs.push([bucket[x], bucket[y]])
          }
        }
      }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1])
}
