/**
 * Stage 1, strip HTML: documents that contain markup or character references are parsed with htmlparser2
 * (text/html-to-text.ts); script and style are dropped, block elements become line breaks. A document that
 * has no text left is removed; the others are kept, changed.
 */
import { throwIfCancelled } from '../../jobs/cancelled'
import type { CorpusDocument } from '../types'
import { htmlToText, looksLikeHtml } from '../text/html-to-text'
import { excerpt } from '../text/words'
import type { StageOutcome } from '../pipeline/types'

export function stripHtmlStage(docs: CorpusDocument[], onProgress?: (f: number) => void, signal?: AbortSignal): StageOutcome {
  const kept: CorpusDocument[] = []
  const out: StageOutcome = { kept, removed: [], modified: [] }
  docs.forEach((d, i) => {
    if (i % 256 === 0) {
      throwIfCancelled(signal)
      onProgress?.(i / docs.length)
    }
    if (!looksLikeHtml(d.text)) {
      kept.push(d)
      return
    }
    const text = htmlToText(d.text)
    if (text.length === 0) {
      out.removed.push({ id: d.id, rule: 'empty-after-html', reason: 'no text left after removing the HTML markup', excerpt: excerpt(d.text) })
      return
    }
    if (text !== d.text) out.modified?.push({ id: d.id, before: excerpt(d.text), after: excerpt(text) })
    kept.push(text === d.text ? d : { ...d, text })
  })
  return out
}
