/**
 * MinHash (Broder 1997): for a set S and random permutations h_1..h_k of the hash space, the signature is
 * (min over s in S of h_i(s))_i, and P[min h_i(A) = min h_i(B)] = J(A, B) = |A ∩ B| / |A ∪ B|, so the share
 * of equal signature entries estimates the Jaccard similarity with standard error sqrt(J (1 - J) / k).
 * Used for near-duplicate detection as in Lee et al. 2022 ("Deduplicating Training Data Makes Language
 * Models Better", arXiv 2107.06499). Permutation i is x -> fmix32(a_i x + b_i mod 2^32) with a_i odd and
 * b_i drawn from a seeded PRNG (src/core/random.ts): each step is a bijection of 32-bit integers.
 */
import { seededRandom } from '../../random'
import { fmix32 } from '../text/hash'

export interface MinHasher {
  numPerm: number
  signature(shingles: Uint32Array): Uint32Array
}

export function createMinHasher(numPerm: number, seed: number): MinHasher {
  const rng = seededRandom(seed)
  const a = new Int32Array(numPerm)
  const b = new Int32Array(numPerm)
  for (let i = 0; i < numPerm; i++) {
    a[i] = (Math.floor(rng.next() * 4294967296) | 1) | 0
    b[i] = Math.floor(rng.next() * 4294967296) | 0
  }
  const mix = fmix32
  return {
    numPerm,
    signature(shingles: Uint32Array): Uint32Array {
      const sig = new Uint32Array(numPerm).fill(0xffffffff)
      for (let s = 0; s < shingles.length; s++) {
        const x = shingles[s] | 0
        for (let i = 0; i < numPerm; i++) {
          const h = mix((Math.imul(x, a[i]) + b[i]) | 0)
          if (h < sig[i]) sig[i] = h
        }
      }
      return sig
    },
  }
}

/** Share of equal entries: the MinHash estimate of the Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++
  return same / a.length
}
