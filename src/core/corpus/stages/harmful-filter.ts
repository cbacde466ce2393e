/**
 * Stage 3, harmful-content filter: remove documents with at least `minMatches` matches of the block list
 * (blocklist.ts), in the manner of C4's "bad words" filter (Raffel et al. 2020), but with a list the user
 * can edit: `blocklist` entries given inline, else the file `blocklistPath`, else
 * resources/corpora/blocklist.txt.
 */
import { throwIfCancelled } from '../../jobs/cancelled'
import { LabError } from '../../../shared/errors'
import type { CorpusDocument } from '../types'
import { excerpt } from '../text/words'
import type { StageOutcome } from '../pipeline/types'
import { findBlocklisted, loadBlocklist, parseBlocklist, type Blocklist } from './blocklist'

export interface HarmfulFilterOptions {
  /** entries given inline (same syntax as the file, one per element); overrides blocklistPath */
  blocklist?: string[]
  /** a block list file; default resources/corpora/blocklist.txt */
  blocklistPath?: string
  /** matches needed to remove a document (default 1) */
  minMatches?: number
}

export function resolveBlocklist(o: HarmfulFilterOptions): Blocklist {
  if (o.blocklist) {
    const list = parseBlocklist(o.blocklist.join('\n'))
    if (list.size === 0) throw new LabError('blocklist-empty', 'The block list given has no entries.', { hint: 'Give at least one word or phrase.' })
    return list
  }
  return loadBlocklist(o.blocklistPath)
}

export function harmfulFilterStage(docs: CorpusDocument[], options: HarmfulFilterOptions = {}, onProgress?: (f: number) => void, signal?: AbortSignal): StageOutcome {
  const minMatches = options.minMatches ?? 1
  if (!Number.isInteger(minMatches) || minMatches < 1) {
    throw new LabError('bad-option', `minMatches must be a whole number of at least 1, got ${minMatches}.`)
  }
  const list = resolveBlocklist(options)
  const out: StageOutcome = { kept: [], removed: [] }
  docs.forEach((d, i) => {
    if (i % 128 === 0) {
      throwIfCancelled(signal)
      onProgress?.(i / docs.length)
    }
    const matches = findBlocklisted(d.text, list)
    if (matches.length >= minMatches) {
      const terms = [...new Set(matches.map((m) => m.term))]
      const shown = terms.slice(0, 5).map((t) => `"${t}"`).join(', ')
      out.removed.push({
        id: d.id,
        rule: 'blocklist',
        reason: `${matches.length} block-list match${matches.length === 1 ? '' : 'es'} (${shown}${terms.length > 5 ? ', ...' : ''}), at least ${minMatches} remove a document`,
        excerpt: excerpt(d.text, matches[0].at),
      })
    } else out.kept.push(d)
  })
  return out
}
