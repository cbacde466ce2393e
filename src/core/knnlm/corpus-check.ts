/** Refuse corpora a language model cannot learn from: empty, or binary (NUL / control bytes, undecodable UTF-8). */
import { LabError } from '../../shared/errors'

export function checkCorpusTexts(texts: readonly string[], what = 'corpus'): void {
  let chars = 0
  let bad = 0
  for (const t of texts) {
    chars += t.length
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i)
      if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++
    }
  }
  if (texts.every((t) => t.trim().length === 0)) {
    throw new LabError('corpus-empty', `The ${what} is empty: no text to work with.`, { hint: 'Choose a file or genre that contains text (UTF-8 .txt, .jsonl, .csv or .html).' })
  }
  if (bad / Math.max(1, chars) > 0.01) {
    throw new LabError('corpus-binary', `The ${what} looks binary: ${((100 * bad) / chars).toFixed(1)}% of its characters are control codes or undecodable bytes.`, { hint: 'Give UTF-8 text; convert PDFs or Word files to .txt first.' })
  }
}
