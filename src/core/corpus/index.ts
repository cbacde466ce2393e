/** The corpus pipeline's public face: sources, stages, the pipeline and the clean command. */
export * from './sources/index'
export type { StageName, RemovedDocument, ClusterMember, DuplicateCluster, StageReport, PipelineReport, StageOutcome } from './pipeline/types'
export { runPipeline } from './pipeline/run-pipeline'
export { DEFAULT_MAX_EXAMPLES, type PipelineOptions } from './pipeline/pipeline-options'
export { stripHtmlStage } from './stages/strip-html'
export { qualityFilterStage, resolveQualityOptions, type QualityFilterOptions } from './stages/quality-filter'
export { GOPHER_QUALITY_OPTIONS, CHINESE_QUALITY_OPTIONS, defaultQualityOptions, type QualityOptions } from './stages/quality-options'
export { checkQuality, ngramRepetition, type QualityVerdict } from './stages/quality-rules'
export { harmfulFilterStage, resolveBlocklist, type HarmfulFilterOptions } from './stages/harmful-filter'
export { parseBlocklist, loadBlocklist, findBlocklisted, defaultBlocklistPath, type Blocklist, type BlocklistMatch } from './stages/blocklist'
export { exactDedupStage, normaliseForDedup } from './stages/exact-dedup'
export { nearDedupStage, resolveNearDedupOptions, DEFAULT_NEAR_DEDUP_OPTIONS, type NearDedupOptions } from './stages/near-dedup'
export {
  decontaminate,
  decontaminationStage,
  DEFAULT_DECONTAMINATION_N,
  type DecontaminationOptions,
  type DecontaminationResult,
  type ContaminatedDocument,
  type DecontaminationStageOptions,
} from './stages/decontaminate'
export { shingleHashes, jaccard } from './minhash/shingles'
export { createMinHasher, estimateJaccard, type MinHasher } from './minhash/minhash'
export { lshCandidatePairs, candidateProbability, lshThreshold } from './minhash/lsh'
export { htmlToText, looksLikeHtml } from './text/html-to-text'
export { splitWords, countWords, matchingWords, detectLang, joinWords } from './text/words'
export {
  cleanCorpus,
  cleanCorpusInWorker,
  loadCorpusSources,
  type CleanCorpusOptions,
  type CleanCorpusResult,
  type CleanCorpusReport,
  type CleanCorpusJob,
  type SourceSummary,
} from './clean-corpus'
export { cleanOptionsFromSettings } from './clean-settings'
