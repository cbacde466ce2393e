/** Options of the whole pipeline: one entry per stage, `false` switches a stage off. All JSON-serialisable. */
import type { QualityFilterOptions } from '../stages/quality-filter'
import type { HarmfulFilterOptions } from '../stages/harmful-filter'
import type { NearDedupOptions } from '../stages/near-dedup'
import type { DecontaminationStageOptions } from '../stages/decontaminate'

export interface PipelineOptions {
  /** strip HTML from documents that contain markup (default on) */
  stripHtml?: boolean
  /** Gopher-style quality rules; thresholds per language (default on, Gopher thresholds) */
  quality?: QualityFilterOptions | false
  /** block-list filter (default on, resources/corpora/blocklist.txt) */
  harmful?: HarmfulFilterOptions | false
  /** exact deduplication of normalised text (default on) */
  exactDedup?: boolean
  /** MinHash + LSH near-duplicate removal (default on, 5-word shingles, 128 permutations, threshold 0.8) */
  nearDedup?: Partial<NearDedupOptions> | false
  /** remove documents sharing an n-gram with the evaluation text (off unless evaluation text is given) */
  decontamination?: DecontaminationStageOptions | false
  /** removed examples and clusters kept per stage in the report (default 20); counts are always complete */
  maxExamples?: number
}

export const DEFAULT_MAX_EXAMPLES = 20
