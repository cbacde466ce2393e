/**
 * The shapes a pipeline run reports: per stage, documents and tokens in and out, what was removed and why,
 * duplicate clusters. They are part of the LabApi contract, so they live in src/shared/api/corpus.ts.
 */
import type { CorpusDocument } from '../types'
import type {
  CorpusClusterMember,
  CorpusDuplicateCluster,
  CorpusRemovedDocument,
  CorpusStageName,
  CorpusStageReport,
} from '../../../shared/api/corpus'

export type StageName = CorpusStageName
export type RemovedDocument = CorpusRemovedDocument
export type ClusterMember = CorpusClusterMember
export type DuplicateCluster = CorpusDuplicateCluster
export type StageReport = CorpusStageReport

export interface PipelineReport {
  stages: StageReport[]
  kept: CorpusDocument[]
}

/** What a stage function returns before the pipeline turns it into a StageReport. */
export interface StageOutcome {
  kept: CorpusDocument[]
  removed: RemovedDocument[]
  modified?: { id: string; before: string; after: string }[]
  clusters?: DuplicateCluster[]
}
