/**
 * The sizes at which differently named runs were pooled as repeats (evidence.pooled_runs of the emergence
 * and trend results), one sentence per size in the reader's language: "At 1.4B, runs a and b were pooled
 * as repeats." The size is formatted as a count (params) with the field's K/M/B/T suffixes.
 */
import type { PooledRuns } from '../../shared/api'
import { formatCount } from '../../shared/units-format'

type Translate = (key: string, values: Record<string, string>) => string

export function pooledRunsSentences(pooled: readonly PooledRuns[] | undefined, t: Translate, listSeparator: string): string[] {
  return (pooled ?? []).map((p) => t('emergenceShots.pooledRuns', { size: formatCount(p.x), runs: p.models.join(listSeparator) }))
}
