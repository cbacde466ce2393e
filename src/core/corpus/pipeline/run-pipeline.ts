/**
 * The data pipeline: strip HTML -> quality rules -> harmful-content filter -> exact dedup -> near-dedup ->
 * decontamination, each stage reporting documents and tokens in and out, what it removed and why (examples
 * capped at maxExamples, counts complete) and, for the dedup stages, the duplicate clusters.
 */
import { LabError } from '../../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../../jobs/cancelled'
import type { CorpusDocument } from '../types'
import { countWords } from '../text/words'
import type { PipelineReport, StageName, StageOutcome, StageReport } from './types'
import { DEFAULT_MAX_EXAMPLES, type PipelineOptions } from './pipeline-options'
import { stripHtmlStage } from '../stages/strip-html'
import { qualityFilterStage } from '../stages/quality-filter'
import { harmfulFilterStage } from '../stages/harmful-filter'
import { exactDedupStage } from '../stages/exact-dedup'
import { nearDedupStage } from '../stages/near-dedup'
import { decontaminationStage } from '../stages/decontaminate'

type StageRun = (docs: CorpusDocument[], onProgress: (f: number) => void, signal?: AbortSignal) => StageOutcome

interface PlannedStage {
  name: StageName
  /** share of the progress bar */
  weight: number
  run: StageRun | undefined
}

function plan(options: PipelineOptions): PlannedStage[] {
  const { quality, harmful, nearDedup, decontamination } = options
  return [
    { name: 'strip-html', weight: 0.05, run: options.stripHtml === false ? undefined : (d, p, s) => stripHtmlStage(d, p, s) },
    { name: 'quality', weight: 0.3, run: quality === false ? undefined : (d, p, s) => qualityFilterStage(d, quality ?? {}, p, s) },
    { name: 'harmful', weight: 0.1, run: harmful === false ? undefined : (d, p, s) => harmfulFilterStage(d, harmful ?? {}, p, s) },
    { name: 'exact-dedup', weight: 0.05, run: options.exactDedup === false ? undefined : (d, p, s) => exactDedupStage(d, p, s) },
    { name: 'near-dedup', weight: 0.4, run: nearDedup === false ? undefined : (d, p, s) => nearDedupStage(d, nearDedup ?? {}, p, s) },
    { name: 'decontaminate', weight: 0.1, run: decontamination ? (d, p, s) => decontaminationStage(d, decontamination, p, s) : undefined },
  ]
}

/** Run the enabled stages in order; synchronous and CPU-bound: run it in a worker (corpus-clean) from the app. */
export function runPipeline(docs: CorpusDocument[], options: PipelineOptions = {}, opts: ProgressOptions = {}): PipelineReport {
  if (docs.length === 0) {
    throw new LabError('corpus-empty', 'The corpus has no documents to clean.', { hint: 'Add a source with text in it.' })
  }
  const maxExamples = options.maxExamples ?? DEFAULT_MAX_EXAMPLES
  if (!Number.isInteger(maxExamples) || maxExamples < 0) throw new LabError('bad-option', `maxExamples must be a whole number, got ${maxExamples}.`)
  const tokens = new WeakMap<CorpusDocument, number>()
  const tokensOf = (list: CorpusDocument[]): number => {
    let sum = 0
    for (const d of list) {
      let t = tokens.get(d)
      if (t === undefined) {
        t = countWords(d.text)
        tokens.set(d, t)
      }
      sum += t
    }
    return sum
  }

  const stages = plan(options)
  const totalWeight = stages.reduce((s, st) => s + (st.run ? st.weight : 0), 0) || 1
  let done = 0
  let current = docs
  const reports: StageReport[] = []
  for (const stage of stages) {
    throwIfCancelled(opts.signal)
    const tokensIn = tokensOf(current)
    if (!stage.run) {
      reports.push({ name: stage.name, enabled: false, docsIn: current.length, docsOut: current.length, tokensIn, tokensOut: tokensIn, removedCount: 0, removed: [], reasonCounts: {} })
      continue
    }
    const base = done
    const report = (f: number): void => opts.onProgress?.(Math.min(1, (base + f * stage.weight) / totalWeight), stage.name)
    report(0)
    const outcome = stage.run(current, report, opts.signal)
    done += stage.weight
    const reasonCounts: Record<string, number> = {}
    for (const r of outcome.removed) reasonCounts[r.rule] = (reasonCounts[r.rule] ?? 0) + 1
    const entry: StageReport = {
      name: stage.name,
      enabled: true,
      docsIn: current.length,
      docsOut: outcome.kept.length,
      tokensIn,
      tokensOut: tokensOf(outcome.kept),
      removedCount: outcome.removed.length,
      removed: outcome.removed.slice(0, maxExamples),
      reasonCounts,
    }
    if (outcome.modified) {
      entry.modifiedCount = outcome.modified.length
      entry.modifiedExamples = outcome.modified.slice(0, maxExamples)
    }
    if (outcome.clusters) {
      entry.clusterCount = outcome.clusters.length
      entry.clusters = outcome.clusters.slice(0, maxExamples).map((c) => ({ keptId: c.keptId, removed: c.removed.slice(0, maxExamples) }))
    }
    reports.push(entry)
    current = outcome.kept
  }
  opts.onProgress?.(1, 'done')
  return { stages: reports, kept: current }
}
