/**
 * One name for every source the lab can read: 'brown', 'brown:<genre or sample>[,...]' (brown:news,
 * brown:a, brown:ca01), 'moby-dick', 'sotu',
 * 'chinese-poetry', 'chinese-poetry:tang' / ':song', or a path to a file or folder (see text-files.ts).
 * A path that exists wins over a built-in name of the same spelling.
 */
import { existsSync } from 'node:fs'
import { LabError } from '../../../shared/errors'
import type { CorpusDocument } from '../types'
import { loadBrown } from './brown'
import { loadMobyDick } from './moby-dick'
import { loadStateOfTheUnion } from './state-of-the-union'
import { loadChinesePoetry, POETRY_DYNASTIES, type PoetryDynasty } from './chinese-poetry'
import { loadTextSource, type TextSourceOptions } from './text-files'

export const BUILT_IN_CORPORA = ['brown', 'moby-dick', 'sotu', 'chinese-poetry'] as const

export function isBuiltInCorpus(spec: string): boolean {
  const name = spec.split(':')[0]
  return (BUILT_IN_CORPORA as readonly string[]).includes(name) && !existsSync(spec)
}

export function loadCorpusSource(spec: string, opts: TextSourceOptions = {}): CorpusDocument[] {
  if (existsSync(spec)) return loadTextSource(spec, opts)
  const colon = spec.indexOf(':')
  const name = colon > 0 ? spec.slice(0, colon) : spec
  const arg = colon > 0 ? spec.slice(colon + 1) : ''
  const list = arg.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
  switch (name) {
    case 'brown': {
      // items are genres (news, a) or single samples (ca01)
      const samples = list.filter((x) => /^c[a-r]\d\d$/i.test(x)).map((x) => `brown:${x.toLowerCase()}`)
      const genres = list.filter((x) => !/^c[a-r]\d\d$/i.test(x))
      if (samples.length === 0) return loadBrown({ genres })
      const all = loadBrown()
      const missing = samples.find((id) => !all.some((d) => d.id === id))
      if (missing) throw new LabError('corpus-unknown-sample', `${missing} is not a Brown corpus sample.`, { hint: 'Samples are named c + genre letter + two digits, e.g. ca01 ... cr09.' })
      const wanted = new Set(genres.length > 0 ? loadBrown({ genres }).map((d) => d.id) : [])
      for (const id of samples) wanted.add(id)
      return all.filter((d) => wanted.has(d.id))
    }
    case 'moby-dick':
      return loadMobyDick()
    case 'sotu':
      return loadStateOfTheUnion()
    case 'chinese-poetry': {
      const bad = list.find((d) => !(POETRY_DYNASTIES as readonly string[]).includes(d))
      if (bad) {
        throw new LabError('corpus-unknown-genre', `"${bad}" is not a dynasty of the poetry extract.`, { hint: `Use ${POETRY_DYNASTIES.join(' or ')}.` })
      }
      return loadChinesePoetry(list.length > 0 ? { dynasties: list as PoetryDynasty[] } : {})
    }
    default:
      return loadTextSource(spec, opts)
  }
}
