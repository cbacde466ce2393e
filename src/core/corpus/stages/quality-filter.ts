/** Stage 2, quality filter: the Gopher rules of quality-rules.ts, with thresholds per language (quality-options.ts). */
import { throwIfCancelled } from '../../jobs/cancelled'
import type { CorpusDocument, CorpusLang } from '../types'
import { excerpt } from '../text/words'
import type { StageOutcome } from '../pipeline/types'
import { defaultQualityOptions, type QualityOptions } from './quality-options'
import { checkQuality } from './quality-rules'

export interface QualityFilterOptions {
  /** thresholds for English documents, over the Gopher defaults */
  en?: Partial<QualityOptions>
  /** thresholds for Chinese documents, over the Chinese defaults */
  zh?: Partial<QualityOptions>
}

export function resolveQualityOptions(lang: CorpusLang, o: QualityFilterOptions = {}): QualityOptions {
  return { ...defaultQualityOptions(lang), ...(o[lang] ?? {}) }
}

export function qualityFilterStage(docs: CorpusDocument[], options: QualityFilterOptions = {}, onProgress?: (f: number) => void, signal?: AbortSignal): StageOutcome {
  const byLang = { en: resolveQualityOptions('en', options), zh: resolveQualityOptions('zh', options) }
  const out: StageOutcome = { kept: [], removed: [] }
  docs.forEach((d, i) => {
    if (i % 64 === 0) {
      throwIfCancelled(signal)
      onProgress?.(i / docs.length)
    }
    const verdict = checkQuality(d.text, byLang[d.lang])
    if (verdict) out.removed.push({ id: d.id, rule: verdict.rule, reason: verdict.reason, excerpt: excerpt(d.text) })
    else out.kept.push(d)
  })
  return out
}
