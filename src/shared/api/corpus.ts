/**
 * The corpus channels: the data pipeline (strip HTML, quality rules, block list, exact and near
 * deduplication, decontamination) run as a job, its reports, and the sources the lab can clean.
 * The report types here are the engine's own (src/core/corpus re-exports them).
 */
import { z } from 'zod'
import { channel } from './channel'

export type CorpusStageName = 'strip-html' | 'quality' | 'harmful' | 'exact-dedup' | 'near-dedup' | 'decontaminate'
export const CORPUS_STAGES: readonly CorpusStageName[] = ['strip-html', 'quality', 'harmful', 'exact-dedup', 'near-dedup', 'decontaminate']

export interface CorpusRemovedDocument {
  id: string
  /** machine-readable rule, e.g. "word-count", "blocklist", "exact-duplicate", "near-duplicate", "shared-ngram" */
  rule: string
  /** what was found and the threshold it broke */
  reason: string
  /** a short piece of the document, around the offending place when there is one */
  excerpt: string
  /** decontamination: the first shared n-gram and the evaluation text it came from */
  ngram?: string
  evalIndex?: number
}

export interface CorpusClusterMember {
  id: string
  /** Jaccard similarity of the member's shingles to the kept document's (1 for exact duplicates) */
  similarity: number
}

/** Documents judged duplicates of each other; the first in input order is kept. */
export interface CorpusDuplicateCluster {
  keptId: string
  removed: CorpusClusterMember[]
}

export interface CorpusStageReport {
  name: CorpusStageName
  /** false when the stage was switched off (documents pass through) */
  enabled: boolean
  docsIn: number
  docsOut: number
  /** tokens = words for English, characters for Chinese */
  tokensIn: number
  tokensOut: number
  /** removed documents (removed[] holds at most maxExamples of them) */
  removedCount: number
  removed: CorpusRemovedDocument[]
  /** removed documents per rule */
  reasonCounts: Record<string, number>
  /** strip-html: documents changed but kept */
  modifiedCount?: number
  modifiedExamples?: { id: string; before: string; after: string }[]
  /** dedup stages: clusters (at most maxExamples, largest first) and their number */
  clusters?: CorpusDuplicateCluster[]
  clusterCount?: number
}

export interface CorpusSourceSummary {
  spec: string
  docs: number
  tokens: number
}

/** report.json of a cleaning: the funnel without the documents themselves. */
export interface CorpusCleanReport {
  sources: CorpusSourceSummary[]
  evalSources: string[]
  stages: CorpusStageReport[]
  keptDocs: number
  keptTokens: number
}

export interface CorpusCleanResult {
  outDir: string
  corpusFile: string
  reportFile: string
  report: CorpusCleanReport
}

/** A cleaning kept in the lab's data folder (corpora/<id>/corpus.jsonl + report.json). */
export interface CleanedCorpusInfo {
  id: string
  createdAt: string
  sources: string[]
  keptDocs: number
  keptTokens: number
}

export interface CleanedCorpus extends CorpusCleanResult {
  id: string
  createdAt: string
}

export interface BrownGenreInfo {
  code: string
  name: string
  label: string
  samples: number
}

export interface CorpusSourceInfo {
  /** what to pass in `sources`: "brown", "moby-dick", "sotu", "chinese-poetry", "chinese-poetry:tang" ... */
  spec: string
  lang: 'en' | 'zh'
}

export interface CorpusSources {
  builtIn: CorpusSourceInfo[]
  brownGenres: BrownGenreInfo[]
}

/**
 * The knobs of a cleaning as flat, bounded values (the CLI's flags say the same): stages on or off and the
 * thresholds people change most. Everything left out keeps its default (Gopher thresholds, the shipped
 * block list, 5-word shingles, 128 permutations in 32 bands of 4 rows, Jaccard 0.8, 13-grams).
 */
export const corpusCleanSettings = z
  .object({
    stripHtml: z.boolean().optional(),
    quality: z.boolean().optional(),
    minWords: z.number().int().min(0).max(1_000_000).optional(),
    maxWords: z.number().int().min(1).max(100_000_000).optional(),
    harmful: z.boolean().optional(),
    /** block-list entries replacing the shipped list (same syntax as resources/corpora/blocklist.txt) */
    blocklist: z.array(z.string().min(1).max(200)).max(10_000).optional(),
    minMatches: z.number().int().min(1).max(10_000).optional(),
    exactDedup: z.boolean().optional(),
    nearDedup: z.boolean().optional(),
    threshold: z.number().gt(0).max(1).optional(),
    shingleSize: z.number().int().min(1).max(50).optional(),
    numPerm: z.number().int().min(1).max(4096).optional(),
    bands: z.number().int().min(1).max(4096).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    decontaminationN: z.number().int().min(1).max(200).optional(),
    maxExamples: z.number().int().min(0).max(500).optional(),
  })
  .strict()
export type CorpusCleanSettings = z.infer<typeof corpusCleanSettings>

/** A built-in corpus name: brown, brown:<genres or samples>, moby-dick, sotu, chinese-poetry[:tang|song]. */
export const builtInCorpusSpec = z
  .string()
  .max(400)
  .regex(/^(brown(:[a-z_]+|:c[a-r]\d\d)?(,([a-z_]+|c[a-r]\d\d))*|moby-dick|sotu|chinese-poetry(:(tang|song)(,(tang|song))?)?)$/, 'not a built-in corpus name')
const uploadId = z.string().regex(/^[0-9a-f]{32}$/, 'not an upload id')
/** a file-system path, which only the command line may name (the handler refuses it from other hosts) */
const localPath = z.string().min(1).max(4096)

export const corpusChannels = {
  listCorpusSources: channel<CorpusSources>()(z.object({}).strict()),
  /** clean built-in corpora and uploaded files as a job; the job's result is a CleanedCorpus */
  startCorpusClean: channel<{ jobId: string }>()(
    z
      .object({
        sources: z.array(builtInCorpusSpec).max(50).default([]),
        uploadIds: z.array(uploadId).max(50).default([]),
        evalSources: z.array(builtInCorpusSpec).max(50).default([]),
        evalUploadIds: z.array(uploadId).max(50).default([]),
        settings: corpusCleanSettings.default({}),
        /** the command line's sources: built-in names, local files and folders, in the order given (refused from a page) */
        localSources: z.array(localPath).max(1000).default([]),
        /** the command line's --eval: built-in names, local files and folders (refused from a page) */
        localEvalSources: z.array(localPath).max(1000).default([]),
        /** where corpus.jsonl and report.json go (command line only; default: corpora/<id> in the data folder) */
        outDir: localPath.optional(),
        /** a block-list file replacing the shipped one (command line only) */
        blocklistPath: localPath.optional(),
        /** how text files become documents: one per .txt file or per blank-line block; the .jsonl field; the .csv column */
        text: z
          .object({ txtUnit: z.enum(['file', 'paragraph']).optional(), jsonlField: z.string().min(1).max(200).optional(), csvColumn: z.string().min(1).max(200).optional() })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  listCleanedCorpora: channel<CleanedCorpusInfo[]>()(z.object({}).strict()),
  getCleanedCorpus: channel<CleanedCorpus>()(z.object({ id: z.string().regex(/^clean-[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$/, 'not a cleaning id') }).strict()),
}
