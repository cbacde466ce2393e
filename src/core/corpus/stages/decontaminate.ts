/**
 * Stage 6, decontamination: remove training or datastore documents that share a word n-gram (13 by
 * default, as GPT-3 did: Brown et al. 2020, arXiv 2005.14165, appendix C) with the evaluation text, so that
 * an evaluation does not measure memorised text. N-grams are over matching words (text/words.ts: lower
 * case, punctuation stripped; Chinese characters one by one) and never span two evaluation texts. A hash
 * match (text/ngram-keys.ts) is confirmed word by word before a document is removed; the report names the
 * shared n-gram. Usable on its own: `decontaminate(docs, evalText, { n })`.
 */
import { LabError } from '../../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../../jobs/cancelled'
import type { CorpusDocument } from '../types'
import { excerpt, joinWords, matchingWords, matchingWordsWithOffsets } from '../text/words'
import { NgramTable, wordLanes } from '../text/ngram-keys'
import type { RemovedDocument, StageOutcome } from '../pipeline/types'

export const DEFAULT_DECONTAMINATION_N = 13

export interface DecontaminationOptions {
  /** n-gram length in words (default 13) */
  n?: number
}

export interface ContaminatedDocument extends RemovedDocument {
  /** the first shared n-gram, words joined by spaces (none between Chinese characters) */
  ngram: string
  /** which evaluation text it came from (index into evalText when an array was given) */
  evalIndex: number
}

export interface DecontaminationResult {
  kept: CorpusDocument[]
  removed: ContaminatedDocument[]
  n: number
  /** distinct n-grams of the evaluation text */
  evalNgrams: number
}

/** The evaluation side: every n-gram of every evaluation text in a hash table, with its words. */
class EvalNgrams {
  readonly table = new NgramTable()
  readonly words: string[] = []
  readonly textOf: number[] = []
  count = 0

  constructor(texts: string[], readonly n: number) {
    const perText = texts.map((t) => matchingWords(t))
    this.table.reset(perText.reduce((s, w) => s + Math.max(0, w.length - n + 1), 0))
    perText.forEach((words, t) => {
      if (words.length < n) return
      const base = this.words.length
      for (const w of words) {
        this.words.push(w)
        this.textOf.push(t)
      }
      const { lane1, lane2 } = wordLanes(words)
      for (let i = 0; i + n <= words.length; i++) {
        let h1 = 0
        let h2 = 0
        for (let j = i; j < i + n; j++) {
          h1 = Math.imul(((h1 << 5) | (h1 >>> 27)) ^ lane1[j], 0x9e3779b1)
          h2 = Math.imul(((h2 << 13) | (h2 >>> 19)) ^ lane2[j], 0x85ebca6b)
        }
        const slot = this.table.add(h1, h2, base + i)
        if (this.table.count(slot) === 1) this.count++
      }
    })
  }

  /** Where the document's first shared n-gram starts, or undefined. */
  firstShared(words: string[]): { at: number; evalStart: number } | undefined {
    const n = this.n
    const { lane1, lane2 } = wordLanes(words)
    for (let i = 0; i + n <= words.length; i++) {
      let h1 = 0
      let h2 = 0
      for (let j = i; j < i + n; j++) {
        h1 = Math.imul(((h1 << 5) | (h1 >>> 27)) ^ lane1[j], 0x9e3779b1)
        h2 = Math.imul(((h2 << 13) | (h2 >>> 19)) ^ lane2[j], 0x85ebca6b)
      }
      const slot = this.table.find(h1, h2)
      if (slot < 0) continue
      const start = this.table.first(slot)
      let same = true
      for (let k = 0; same && k < n; k++) same = this.words[start + k] === words[i + k]
      if (same) return { at: i, evalStart: start }
    }
    return undefined
  }
}

export function decontaminate(docs: CorpusDocument[], evalText: string | string[], options: DecontaminationOptions = {}, opts: ProgressOptions = {}): DecontaminationResult {
  const n = options.n ?? DEFAULT_DECONTAMINATION_N
  if (!Number.isInteger(n) || n < 1) throw new LabError('bad-option', `The decontamination n-gram length must be a whole number of at least 1, got ${n}.`)
  const texts = typeof evalText === 'string' ? [evalText] : evalText
  const ev = new EvalNgrams(texts, n)
  if (ev.count === 0) {
    throw new LabError('decontamination-eval-too-short', `The evaluation text has no run of ${n} words, so there is no ${n}-gram to look for.`, {
      hint: `Give a longer evaluation text or a smaller n (at most ${Math.max(1, Math.max(0, ...texts.map((t) => matchingWords(t).length)))}).`,
    })
  }
  const result: DecontaminationResult = { kept: [], removed: [], n, evalNgrams: ev.count }
  docs.forEach((d, i) => {
    if (i % 64 === 0) {
      throwIfCancelled(opts.signal)
      opts.onProgress?.(i / docs.length, 'decontaminating')
    }
    const { words, offsets } = matchingWordsWithOffsets(d.text)
    const hit = ev.firstShared(words)
    if (!hit) {
      result.kept.push(d)
      return
    }
    const ngram = joinWords(words.slice(hit.at, hit.at + n))
    const evalIndex = ev.textOf[hit.evalStart]
    result.removed.push({
      id: d.id,
      rule: 'shared-ngram',
      reason: `shares the ${n}-gram "${ngram}" with the evaluation text${texts.length > 1 ? ` #${evalIndex + 1}` : ''}`,
      excerpt: excerpt(d.text, offsets[hit.at]),
      ngram,
      evalIndex,
    })
  })
  opts.onProgress?.(1, 'decontaminated')
  return result
}

export interface DecontaminationStageOptions extends DecontaminationOptions {
  evalText: string | string[]
}

export function decontaminationStage(docs: CorpusDocument[], options: DecontaminationStageOptions, onProgress?: (f: number) => void, signal?: AbortSignal): StageOutcome {
  const r = decontaminate(docs, options.evalText, options, { signal, onProgress: onProgress ? (f) => onProgress(f) : undefined })
  return { kept: r.kept, removed: r.removed }
}
