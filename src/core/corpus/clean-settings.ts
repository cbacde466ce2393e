/**
 * The flat, bounded settings of a cleaning (src/shared/api/corpus.ts; the CLI's flags say the same) turned
 * into pipeline options. Unset values keep the stage defaults; minWords / maxWords apply to English and
 * Chinese documents alike (for Chinese they count characters).
 */
import type { CorpusCleanSettings } from '../../shared/api/corpus'
import type { CleanCorpusOptions } from './clean-corpus'
import type { NearDedupOptions } from './stages/near-dedup'
import type { QualityOptions } from './stages/quality-options'

export function cleanOptionsFromSettings(s: CorpusCleanSettings, extra: Partial<CleanCorpusOptions> = {}): CleanCorpusOptions {
  const o: CleanCorpusOptions = { ...extra }
  if (s.stripHtml === false) o.stripHtml = false
  if (s.quality === false) o.quality = false
  else if (s.minWords !== undefined || s.maxWords !== undefined) {
    const bounds: Partial<QualityOptions> = {}
    if (s.minWords !== undefined) bounds.minWords = s.minWords
    if (s.maxWords !== undefined) bounds.maxWords = s.maxWords
    o.quality = { en: bounds, zh: bounds }
  }
  if (s.harmful === false) o.harmful = false
  else if (s.blocklist !== undefined || s.minMatches !== undefined || extra.harmful) {
    o.harmful = { ...(extra.harmful || {}), ...(s.blocklist ? { blocklist: s.blocklist } : {}), ...(s.minMatches !== undefined ? { minMatches: s.minMatches } : {}) }
  }
  if (s.exactDedup === false) o.exactDedup = false
  if (s.nearDedup === false) o.nearDedup = false
  else {
    const near: Partial<NearDedupOptions> = {}
    if (s.threshold !== undefined) near.threshold = s.threshold
    if (s.shingleSize !== undefined) near.shingleSize = s.shingleSize
    if (s.numPerm !== undefined) near.numPerm = s.numPerm
    if (s.bands !== undefined) near.bands = s.bands
    if (s.seed !== undefined) near.seed = s.seed
    if (Object.keys(near).length > 0) o.nearDedup = near
  }
  if (s.decontaminationN !== undefined) o.decontaminationN = s.decontaminationN
  if (s.maxExamples !== undefined) o.maxExamples = s.maxExamples
  return o
}
