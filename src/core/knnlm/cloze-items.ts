/**
 * A four-way next-word cloze built from held-out text, for calibration by model size (the demo's Calibration view).
 * Each item: a prefix of the text, the word that actually follows (gold), and three distractor words drawn from the
 * LM's training vocabulary with about the same training frequency as the gold word (between half and twice its
 * count), so that a model cannot win by preferring frequent words. Seeded: the same text and seed give the same
 * items. Only lower-case alphabetic words of three letters or more that the training text has at least `minCount`
 * times are asked, at most one per `spacing` words, and only words with enough training words in their frequency band
 * to draw the distractors from (the most frequent words, "the" or "and", have none and are never asked).
 */
import { seededRandom } from '../random'

export interface ClozeItem {
  id: string
  /** the text before the gold word, ending just before the space that precedes it */
  prefix: string
  gold: string
  /** the gold word and the three distractors, in a seeded order */
  options: string[]
}

export interface ClozeOptions {
  items: number
  seed: number
  /** fewest characters of text before an item's word (the LM's context fills from there) */
  minPrefixChars?: number
  /** at least this many words between two items */
  spacing?: number
  /** the gold word's fewest occurrences in the training text */
  minCount?: number
  choices?: number
}

const WORD = /[A-Za-z]+/g
const ASKABLE = /^[a-z]{3,}$/

/** Word counts of a training text (case kept: "The" and "the" differ, as the LM sees them). */
export function wordCounts(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const t of texts) for (const m of t.matchAll(WORD)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1)
  return counts
}

interface Candidate {
  word: string
  start: number
}

function candidates(text: string, counts: ReadonlyMap<string, number>, o: Required<ClozeOptions>, hasBand: (word: string) => boolean): Candidate[] {
  const out: Candidate[] = []
  let sinceLast = o.spacing
  for (const m of text.matchAll(WORD)) {
    sinceLast++
    const start = m.index
    const askable = ASKABLE.test(m[0]) && start >= o.minPrefixChars && text[start - 1] === ' ' && (counts.get(m[0]) ?? 0) >= o.minCount && hasBand(m[0])
    if (askable && sinceLast >= o.spacing) {
      out.push({ word: m[0], start })
      sinceLast = 0
    }
  }
  return out
}

/** The distractor pool of each frequency: askable training words sorted by count, for a band search. */
function byCount(counts: ReadonlyMap<string, number>): { word: string; count: number }[] {
  return [...counts].filter(([w]) => ASKABLE.test(w)).map(([word, count]) => ({ word, count })).sort((a, b) => a.count - b.count || (a.word < b.word ? -1 : 1))
}

function lowerBound(pool: readonly { count: number }[], count: number): number {
  let lo = 0
  let hi = pool.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (pool[mid]!.count < count) lo = mid + 1
    else hi = mid
  }
  return lo
}

export function buildClozeItems(text: string, trainingCounts: ReadonlyMap<string, number>, opts: ClozeOptions): ClozeItem[] {
  const o: Required<ClozeOptions> = { minPrefixChars: 200, spacing: 12, minCount: 5, choices: 4, ...opts }
  const rng = seededRandom(o.seed)
  const pool = byCount(trainingCounts)
  const bandOf = (word: string): { word: string }[] => {
    const count = trainingCounts.get(word)!
    return pool.slice(lowerBound(pool, Math.ceil(count / 2)), lowerBound(pool, 2 * count + 1)).filter((p) => p.word !== word)
  }
  const all = candidates(text, trainingCounts, o, (w) => bandOf(w).length >= o.choices - 1)
  // a seeded sample of positions, kept in text order
  const picked = all
    .map((c) => ({ c, key: rng.next() }))
    .sort((a, b) => a.key - b.key)
    .slice(0, o.items)
    .map((p) => p.c)
    .sort((a, b) => a.start - b.start)
  return picked.map((c, i) => {
    const band = bandOf(c.word)
    const distractors = new Set<string>()
    while (distractors.size < o.choices - 1) distractors.add(band[rng.int(band.length)]!.word)
    const options = [c.word, ...distractors]
    for (let j = options.length - 1; j > 0; j--) {
      const k = rng.int(j + 1)
      ;[options[j], options[k]] = [options[k]!, options[j]!]
    }
    return { id: `i${String(i + 1).padStart(3, '0')}`, prefix: text.slice(0, c.start - 1), gold: c.word, options }
  })
}
