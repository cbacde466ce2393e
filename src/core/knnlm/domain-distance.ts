/**
 * Is a prefix inside the datastore's domain? kNN-LM retrieval helps when the query's nearest keys are close
 * (Khandelwal et al. 2020, §6: the gain comes from contexts that have near-duplicates in the store); a query far
 * from every key gets a kNN distribution built from poor matches. Distances are squared L2, as in the search.
 *
 *   typical  = median over S keys of the store (evenly spaced rows) of the distance to their nearest OTHER key
 *   distance = median over the prefix's last P positions of the distance of that position's key to its nearest key
 *   ratio    = distance / typical;  out of domain when ratio >= OUT_OF_DOMAIN_RATIO
 *
 * The median over the last positions (not the last one alone) keeps one odd token (a rare name, a number) from
 * flagging an English prefix. Measured on the shipped demo (English Brown news/romance stores, S = 256, P = 16) by
 * scripts/knnlm-domain-ratios.ts: 60 held-out English prefixes per store and 30 Moby-Dick prefixes gave ratios
 * 0.7 to 9.6; 30 Tang poem openings (chinese-poetry corpus) gave 47.5 to 66.3. The threshold 20 sits between the
 * two with a margin of about 2x on each side.
 */
import type { ProgressOptions } from '../jobs/cancelled'
import type { Datastore } from './datastore'
import { searchDatastore } from './datastore'
import { median } from '../numeric/stats'
import type { KnnLmDomainCheck } from '../../shared/api/knnlm'

/** a prefix whose keys are this many times farther from the store than its own keys are from each other */
export const OUT_OF_DOMAIN_RATIO = 20
/** keys sampled for the typical nearest-neighbour distance */
export const TYPICAL_SAMPLE = 256
/** prefix positions whose nearest distances are summarised */
export const DOMAIN_POSITIONS = 16

export interface TypicalDistance {
  /** median squared L2 distance of a stored key to its nearest other key */
  median: number
  /** keys sampled */
  sample: number
}

/** The check's answer, as the contract gives it to the view. */
export type DomainCheck = KnnLmDomainCheck

/** Typical nearest-neighbour distance of a store's keys: each sampled key's nearest other key (itself excluded). */
export async function typicalNearestDistance(ds: Datastore, sample = TYPICAL_SAMPLE, opts: ProgressOptions = {}): Promise<TypicalDistance> {
  const n = ds.meta.count
  const d = ds.meta.dims
  const m = Math.min(sample, n)
  if (n < 2) return { median: 0, sample: 0 }
  const rows = Array.from({ length: m }, (_, i) => Math.floor(((i + 0.5) * n) / m))
  const queries = new Float32Array(m * d)
  rows.forEach((r, i) => queries.set(ds.keys.subarray(r * d, (r + 1) * d), i * d))
  const nb = await searchDatastore(ds, queries, 2, { method: 'exact', ...opts })
  const nearest = rows.map((r, i) => (nb.indices[i * 2] === r ? nb.distances[i * 2 + 1]! : nb.distances[i * 2]!))
  return { median: median(nearest), sample: m }
}

const cache = new WeakMap<Datastore, Promise<TypicalDistance>>()

/** The store's typical distance: from datastore.json when the build stored it, else computed once and kept. */
export function typicalDistanceOf(ds: Datastore): { typical: Promise<TypicalDistance>; from: DomainCheck['typicalFrom'] } {
  const stored = ds.meta.typicalNearest
  if (stored && Number.isFinite(stored.median) && stored.median > 0 && Number.isInteger(stored.sample)) return { typical: Promise.resolve(stored), from: 'datastore.json' }
  let hit = cache.get(ds)
  if (!hit) cache.set(ds, (hit = typicalNearestDistance(ds)))
  return { typical: hit, from: 'computed on load' }
}

/**
 * Compare a prefix's keys (one row per position, last position last) with the store's typical distance.
 * Undefined when there is nothing to compare (no key, or a store whose keys all coincide).
 */
export async function checkDomain(ds: Datastore, prefixKeys: Float32Array, o: { limit?: number } = {}): Promise<DomainCheck | undefined> {
  const d = ds.meta.dims
  const rows = prefixKeys.length / d
  const use = Math.min(DOMAIN_POSITIONS, rows)
  const { typical, from } = typicalDistanceOf(ds)
  const t = await typical
  if (use === 0 || !(t.median > 0)) return undefined
  const nb = await searchDatastore(ds, prefixKeys.subarray((rows - use) * d), 1, { limit: o.limit })
  const distance = median(Array.from(nb.distances))
  const ratio = distance / t.median
  return { ratio, threshold: OUT_OF_DOMAIN_RATIO, outOfDomain: ratio >= OUT_OF_DOMAIN_RATIO, distance, typical: t.median, positions: use, sample: t.sample, typicalFrom: from }
}
