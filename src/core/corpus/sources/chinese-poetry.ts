/**
 * Tang and Song poems (shi) shipped in resources/corpora/chinese-poetry/ (tang.jsonl, song.jsonl: an extract
 * of the MIT-licensed chinese-poetry package made by scripts/extract-poetry.mjs; see PROVENANCE.md there).
 * One document per poem, its lines joined by newlines, id "chinese-poetry:<dynasty>-<uuid>", genre = dynasty.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LabError } from '../../../shared/errors'
import { findResourcesDir } from '../../lab/resources-dir'
import type { CorpusDocument } from '../types'

export const POETRY_DYNASTIES = ['tang', 'song'] as const
export type PoetryDynasty = (typeof POETRY_DYNASTIES)[number]

/** resources/corpora, honouring SCALING_LAB_RESOURCES. */
export function corporaDir(): string {
  let resources: string
  try {
    resources = findResourcesDir()
  } catch {
    throw new LabError('resources-missing', "The app's resources/ folder was not found.", {
      hint: 'Set SCALING_LAB_RESOURCES to the folder that holds corpora/.',
    })
  }
  return join(resources, 'corpora')
}

export function loadChinesePoetry(opts: { dynasties?: PoetryDynasty[] } = {}): CorpusDocument[] {
  const dir = join(corporaDir(), 'chinese-poetry')
  const docs: CorpusDocument[] = []
  for (const dynasty of opts.dynasties ?? POETRY_DYNASTIES) {
    const file = join(dir, `${dynasty}.jsonl`)
    if (!existsSync(file)) {
      throw new LabError('corpus-file-missing', `The poetry extract ${file} is missing.`, {
        file,
        hint: 'Run node scripts/extract-poetry.mjs <unpacked chinese-poetry package> to recreate it.',
      })
    }
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, i) => {
      if (line.trim().length === 0) return
      let poem: unknown
      try {
        poem = JSON.parse(line)
      } catch {
        throw new LabError('corpus-bad-json', `Line ${i + 1} of the poetry extract is not valid JSON.`, { file, line: i + 1 })
      }
      const p = poem as Record<string, unknown>
      if (typeof p.id !== 'string' || typeof p.text !== 'string') {
        throw new LabError('corpus-bad-json', `Line ${i + 1} of the poetry extract has no "id" and "text".`, { file, line: i + 1 })
      }
      docs.push({ id: `chinese-poetry:${p.id}`, text: p.text, source: 'chinese-poetry', genre: dynasty, lang: 'zh' })
    })
  }
  return docs
}
