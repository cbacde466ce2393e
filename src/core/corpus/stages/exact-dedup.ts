/**
 * Stage 4, exact deduplication: documents whose normalised text (Unicode NFKC, lower case, runs of white
 * space collapsed to one space, trimmed) has the same SHA-256 hash as an earlier document's are removed;
 * the first in input order is kept. Each group is reported as a cluster.
 */
import { createHash } from 'node:crypto'
import { throwIfCancelled } from '../../jobs/cancelled'
import type { CorpusDocument } from '../types'
import { excerpt } from '../text/words'
import type { DuplicateCluster, StageOutcome } from '../pipeline/types'

export function normaliseForDedup(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

export function exactDedupStage(docs: CorpusDocument[], onProgress?: (f: number) => void, signal?: AbortSignal): StageOutcome {
  const firstByHash = new Map<string, DuplicateCluster>()
  const out: StageOutcome = { kept: [], removed: [], clusters: [] }
  docs.forEach((d, i) => {
    if (i % 256 === 0) {
      throwIfCancelled(signal)
      onProgress?.(i / docs.length)
    }
    const hash = createHash('sha256').update(normaliseForDedup(d.text)).digest('hex')
    const cluster = firstByHash.get(hash)
    if (!cluster) {
      firstByHash.set(hash, { keptId: d.id, removed: [] })
      out.kept.push(d)
      return
    }
    cluster.removed.push({ id: d.id, similarity: 1 })
    out.removed.push({ id: d.id, rule: 'exact-duplicate', reason: `same text as ${cluster.keptId} (after normalising case and white space)`, excerpt: excerpt(d.text) })
  })
  out.clusters = [...firstByHash.values()].filter((c) => c.removed.length > 0)
  return out
}
