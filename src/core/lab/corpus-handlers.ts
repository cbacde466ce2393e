/**
 * Corpus channels: the sources the lab can clean, a cleaning as a job (in the corpus-clean worker), and the
 * cleanings kept in the data folder (corpora/<id>/corpus.jsonl + report.json). Pages never name paths:
 * sources are built-in corpus names or uploaded files.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { LabHandlers } from '../../shared/api'
import type { CleanedCorpus, CleanedCorpusInfo, CorpusCleanReport } from '../../shared/api/corpus'
import { LabError } from '../../shared/errors'
import { BROWN_GENRES, cleanCorpusInWorker, cleanOptionsFromSettings } from '../corpus'
import type { LabContext } from './lab-context'

type CorpusHandlers = Pick<LabHandlers, 'listCorpusSources' | 'startCorpusClean' | 'listCleanedCorpora' | 'getCleanedCorpus'>

const ID = /^clean-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-[0-9a-f]{6}$/

function newCleaningId(now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`
  return `clean-${stamp}-${randomBytes(3).toString('hex')}`
}

function createdAtOf(id: string): string {
  const m = ID.exec(id)
  if (!m) return ''
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])).toISOString()
}

export function corpusHandlers(ctx: LabContext): CorpusHandlers {
  const root = join(ctx.dataDir, 'corpora')

  const readCleaning = (id: string): CleanedCorpus => {
    const outDir = join(root, id)
    const reportFile = join(outDir, 'report.json')
    if (!ID.test(id) || !existsSync(reportFile)) {
      throw new LabError('unknown-cleaning', `No cleaned corpus ${id} in ${root}.`, { hint: 'List the cleanings with listCleanedCorpora, or clean a corpus first.' })
    }
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as CorpusCleanReport
    return { id, createdAt: createdAtOf(id), outDir, corpusFile: join(outDir, 'corpus.jsonl'), reportFile, report }
  }

  return {
    listCorpusSources: async () => ({
      builtIn: [
        { spec: 'brown', lang: 'en' as const },
        { spec: 'moby-dick', lang: 'en' as const },
        { spec: 'sotu', lang: 'en' as const },
        { spec: 'chinese-poetry', lang: 'zh' as const },
        { spec: 'chinese-poetry:tang', lang: 'zh' as const },
        { spec: 'chinese-poetry:song', lang: 'zh' as const },
      ],
      brownGenres: BROWN_GENRES.map((g) => ({ ...g })),
    }),

    startCorpusClean: async ({ sources, uploadIds, evalSources, evalUploadIds, settings, localSources, localEvalSources, outDir: localOut, blocklistPath, text }) => {
      if (ctx.host !== 'cli' && (localSources.length || localEvalSources.length || localOut !== undefined || blocklistPath !== undefined)) {
        throw new LabError('not-available', 'Only the command line reads and writes local paths.', { hint: 'Upload the files to clean instead.' })
      }
      const labels: Record<string, string> = {}
      const uploaded = (ids: string[]): string[] =>
        ids.map((id) => {
          const u = ctx.uploads.get(id)
          labels[u.path] = u.name
          return u.path
        })
      const all = [...sources, ...uploaded(uploadIds), ...localSources]
      const evals = [...evalSources, ...uploaded(evalUploadIds), ...localEvalSources]
      if (all.length === 0) throw new LabError('corpus-no-source', 'Choose at least one corpus or upload a file to clean.', { hint: 'Built-in corpora: brown, moby-dick, sotu, chinese-poetry.' })
      const id = newCleaningId()
      const outDir = localOut ?? join(root, id)
      const extra: Parameters<typeof cleanOptionsFromSettings>[1] = { evalSources: evals, sourceLabels: labels }
      if (text) extra.text = text
      if (blocklistPath !== undefined) extra.harmful = { blocklistPath }
      const options = cleanOptionsFromSettings(settings, extra)
      const names = all.map((s) => labels[s] ?? s)
      const label = `Clean ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` +${names.length - 3}` : ''}`
      const jobId = ctx.jobs.start('corpus-clean', label, async (opts): Promise<CleanedCorpus> => {
        const result = await cleanCorpusInWorker({ sources: all, outDir, options }, opts)
        return { ...result, id, createdAt: createdAtOf(id) }
      })
      return { jobId }
    },

    listCleanedCorpora: async () => {
      if (!existsSync(root)) return []
      const out: CleanedCorpusInfo[] = []
      for (const id of readdirSync(root)) {
        if (!ID.test(id) || !existsSync(join(root, id, 'report.json'))) continue
        try {
          const { report } = readCleaning(id)
          out.push({ id, createdAt: createdAtOf(id), sources: report.sources.map((s) => s.spec), keptDocs: report.keptDocs, keptTokens: report.keptTokens })
        } catch {
          // a half-written or foreign report.json: not listed
        }
      }
      return out.sort((a, b) => b.id.localeCompare(a.id))
    },

    getCleanedCorpus: async ({ id }) => readCleaning(id),
  }
}
