/**
 * `scaling-lab corpus clean SRC... --out DIR`: load the sources (paths or built-in corpora, see
 * sources/corpus-spec.ts), run the pipeline, and write DIR/corpus.jsonl (one kept document a line:
 * {"id","source","genre","lang","text"}) and DIR/report.json (the stage report without the documents).
 * cleanCorpusInWorker runs the same in the corpus-clean worker thread, with progress and cancel.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { runInWorker } from '../jobs/run-in-worker'
import type { CorpusDocument } from './types'
import { loadCorpusSource, type TextSourceOptions } from './sources/index'
import { countWords } from './text/words'
import { runPipeline } from './pipeline/run-pipeline'
import type { PipelineOptions } from './pipeline/pipeline-options'
import type { CorpusCleanReport, CorpusCleanResult, CorpusSourceSummary } from '../../shared/api/corpus'

export interface CleanCorpusOptions extends PipelineOptions {
  /**
   * evaluation text for decontamination, as sources (paths or built-in names); used when
   * `decontamination` is not given, with n = decontaminationN (default 13)
   */
  evalSources?: string[]
  decontaminationN?: number
  /** how the user's files are read (txt unit, jsonl field, csv column, language) */
  text?: TextSourceOptions
  /** a display name per source spec (uploaded files live under random names): used in ids and the report */
  sourceLabels?: Record<string, string>
}

export type SourceSummary = CorpusSourceSummary
/** report.json: everything of the PipelineReport except the kept documents themselves. */
export type CleanCorpusReport = CorpusCleanReport
export type CleanCorpusResult = CorpusCleanResult

/** Documents of several sources, with ids made unique when two sources share one (a "#2" suffix). */
export function loadCorpusSources(specs: string[], text: TextSourceOptions = {}, labels: Record<string, string> = {}): { docs: CorpusDocument[]; summaries: SourceSummary[] } {
  if (specs.length === 0) {
    throw new LabError('corpus-no-source', 'No corpus source given.', { hint: 'Name files, folders or built-in corpora (brown, brown:<genre>, moby-dick, sotu, chinese-poetry).' })
  }
  const docs: CorpusDocument[] = []
  const summaries: SourceSummary[] = []
  const seen = new Map<string, number>()
  for (const spec of specs) {
    const label = Object.prototype.hasOwnProperty.call(labels, spec) ? labels[spec] : undefined
    const loaded = loadCorpusSource(spec, label === undefined ? text : { ...text, name: label })
    let tokens = 0
    for (const loadedDoc of loaded) {
      const d = label === undefined ? loadedDoc : { ...loadedDoc, source: label }
      tokens += countWords(d.text)
      const n = seen.get(d.id) ?? 0
      seen.set(d.id, n + 1)
      docs.push(n === 0 ? d : { ...d, id: `${d.id}#${n + 1}` })
    }
    summaries.push({ spec: label ?? spec, docs: loaded.length, tokens })
  }
  return { docs, summaries }
}

function writeJsonl(file: string, docs: CorpusDocument[], signal?: AbortSignal): void {
  const fd = openSync(file, 'w')
  try {
    let chunk = ''
    docs.forEach((d, i) => {
      const line: Record<string, string> = { id: d.id, source: d.source }
      if (d.genre !== undefined) line.genre = d.genre
      line.lang = d.lang
      line.text = d.text
      chunk += JSON.stringify(line) + '\n'
      if (chunk.length > 1 << 20 || i === docs.length - 1) {
        throwIfCancelled(signal)
        writeSync(fd, chunk)
        chunk = ''
      }
    })
  } finally {
    closeSync(fd)
  }
}

export async function cleanCorpus(sources: string[], outDir: string, options: CleanCorpusOptions = {}, opts: ProgressOptions = {}): Promise<CleanCorpusResult> {
  const { evalSources = [], decontaminationN, text, sourceLabels = {}, ...pipelineOptions } = options
  opts.onProgress?.(0, 'loading sources')
  const { docs, summaries } = loadCorpusSources(sources, text, sourceLabels)
  throwIfCancelled(opts.signal)
  if (evalSources.length > 0 && !pipelineOptions.decontamination) {
    const evalDocs = loadCorpusSources(evalSources, text, sourceLabels).docs
    pipelineOptions.decontamination = { evalText: evalDocs.map((d) => d.text), n: decontaminationN }
  }
  opts.onProgress?.(0.1, 'cleaning')
  const result = runPipeline(docs, pipelineOptions, {
    signal: opts.signal,
    onProgress: (f, message) => opts.onProgress?.(0.1 + 0.85 * f, message),
  })
  opts.onProgress?.(0.95, 'writing')
  const dir = resolve(outDir)
  try {
    mkdirSync(dir, { recursive: true })
  } catch (e) {
    throw new LabError('corpus-out-dir', `Cannot create the output folder ${outDir} (${e instanceof Error ? e.message : String(e)}).`, { file: outDir, hint: 'Choose a folder you can write to.' })
  }
  const corpusFile = join(dir, 'corpus.jsonl')
  const reportFile = join(dir, 'report.json')
  writeJsonl(corpusFile, result.kept, opts.signal)
  const report: CleanCorpusReport = {
    sources: summaries,
    evalSources: evalSources.map((e) => sourceLabels[e] ?? e),
    stages: result.stages,
    keptDocs: result.kept.length,
    keptTokens: result.stages.length > 0 ? result.stages[result.stages.length - 1].tokensOut : 0,
  }
  writeFileSync(reportFile, JSON.stringify(report, null, 2) + '\n')
  opts.onProgress?.(1, 'done')
  return { outDir: dir, corpusFile, reportFile, report }
}

/** What the corpus-clean worker receives. */
export interface CleanCorpusJob {
  sources: string[]
  outDir: string
  options?: CleanCorpusOptions
}

/** cleanCorpus in a worker thread: progress is forwarded, aborting the signal terminates the thread. */
export function cleanCorpusInWorker(job: CleanCorpusJob, opts: ProgressOptions = {}): Promise<CleanCorpusResult> {
  return runInWorker<CleanCorpusResult>('corpus-clean', job, opts)
}
