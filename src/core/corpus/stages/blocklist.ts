/**
 * The editable word list of the harmful-content filter: parsing, loading (the default file
 * resources/corpora/blocklist.txt or the user's own) and matching. Entry syntax: a word, a phrase of
 * words (matched in sequence), a prefix ending in "*", or an entry with Chinese characters (matched as a
 * substring); "#" starts a comment line. Matching is on lower-cased words with edge punctuation removed.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LabError } from '../../../shared/errors'
import { corporaDir } from '../sources/chinese-poetry'
import { matchingWords, matchingWordsWithOffsets } from '../text/words'

export interface Blocklist {
  words: Set<string>
  prefixes: string[]
  /** prefixes by their first two characters, so a word is tested against few of them */
  prefixIndex: Map<string, string[]>
  /** first word -> the phrases (as word arrays) starting with it */
  phrases: Map<string, string[][]>
  substrings: string[]
  size: number
}

export function parseBlocklist(text: string): Blocklist {
  const list: Blocklist = { words: new Set(), prefixes: [], prefixIndex: new Map(), phrases: new Map(), substrings: [], size: 0 }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line.length === 0 || line.startsWith('#')) continue
    list.size++
    if (/\p{Script=Han}/u.test(line)) {
      list.substrings.push(line.toLowerCase())
      continue
    }
    if (line.endsWith('*') && !/\s/.test(line)) {
      const prefix = matchingWords(line.slice(0, -1))[0]
      if (prefix) {
        list.prefixes.push(prefix)
        const key = prefix.slice(0, 2)
        list.prefixIndex.set(key, [...(list.prefixIndex.get(key) ?? []), prefix])
      }
      continue
    }
    const words = matchingWords(line)
    if (words.length === 1) list.words.add(words[0])
    else if (words.length > 1) {
      const bucket = list.phrases.get(words[0]) ?? []
      bucket.push(words)
      list.phrases.set(words[0], bucket)
    }
  }
  return list
}

export function defaultBlocklistPath(): string {
  return join(corporaDir(), 'blocklist.txt')
}

/** Read a block list file (the default one when no path is given). */
export function loadBlocklist(path?: string): Blocklist {
  const file = path ?? defaultBlocklistPath()
  if (!existsSync(file)) {
    throw new LabError('blocklist-missing', `The block list ${file} does not exist.`, {
      file,
      hint: 'Give the path of a text file with one word or phrase a line.',
    })
  }
  const list = parseBlocklist(readFileSync(file, 'utf8'))
  if (list.size === 0) {
    throw new LabError('blocklist-empty', `The block list ${file} has no entries.`, {
      file,
      hint: 'Add one word or phrase a line, or switch the harmful-content filter off.',
    })
  }
  return list
}

export interface BlocklistMatch {
  term: string
  /** character offset of the match in the text */
  at: number
}

function matchesPrefix(word: string, list: Blocklist): boolean {
  for (const p of list.prefixIndex.get(word.slice(0, 2)) ?? []) if (word.startsWith(p)) return true
  // one-character prefixes are indexed under themselves
  return word.length > 0 && (list.prefixIndex.get(word[0])?.some((p) => word.startsWith(p)) ?? false)
}

/** All matches of the list in the text, in order of position (prefix matches report the whole word). */
export function findBlocklisted(text: string, list: Blocklist): BlocklistMatch[] {
  const found: BlocklistMatch[] = []
  const { words, offsets } = matchingWordsWithOffsets(text)
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (list.words.has(w)) found.push({ term: w, at: offsets[i] })
    else if (matchesPrefix(w, list)) found.push({ term: w, at: offsets[i] })
    const phrases = list.phrases.get(w)
    if (phrases) {
      for (const p of phrases) {
        let ok = i + p.length <= words.length
        for (let k = 1; ok && k < p.length; k++) ok = words[i + k] === p[k]
        if (ok) found.push({ term: p.join(' '), at: offsets[i] })
      }
    }
  }
  if (list.substrings.length > 0) {
    const lower = text.toLowerCase()
    for (const s of list.substrings) {
      let from = lower.indexOf(s)
      while (from >= 0) {
        found.push({ term: s, at: from })
        from = lower.indexOf(s, from + s.length)
      }
    }
  }
  return found.sort((a, b) => a.at - b.at)
}
