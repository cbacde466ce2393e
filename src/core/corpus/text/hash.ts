/**
 * 32-bit hashing for shingles and n-grams: FNV-1a (Fowler, Noll, Vo) over UTF-16 code units followed by
 * MurmurHash3's fmix32 finaliser (Appleby) for avalanche. Not cryptographic; collisions are checked where
 * they would matter.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

export function hashString32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return fmix32(h)
}
