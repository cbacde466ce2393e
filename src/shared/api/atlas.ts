/**
 * The scaling atlas (issue 12): public scaling runs shipped in resources/atlas, opened as read-only projects, each
 * with its paper's claims reproduced by the lab's own engines.
 */
import { z } from 'zod'
import { channel } from './channel'

export const ATLAS_NAMES = ['olmo-ladder', 'routing', 'datablations', 'obsscaling', 'pythia'] as const
export type AtlasName = (typeof ATLAS_NAMES)[number]

/** The first line of an atlas project's `source`: marks it read-only (see src/core/catalog/read-only.ts). */
export const ATLAS_SOURCE_PREFIX = 'atlas:'

export interface AtlasEntrySummary {
  name: AtlasName
  title: string
  paper: string
  licence: string
  /** distinct runs (models) in the shipped files */
  runs: number
  repository: string
  commit: string
  /** the catalog project the entry was opened as, when it is open */
  project: string | null
  /** which loss the entry's runs carry, in words (null: the data set has no loss, only benchmark scores) */
  loss: { metric: string; label: string } | null
}

export interface AtlasClaim {
  claim: string
  paper_value: number
  lab_value: number
  unit: string
  agrees: boolean
  /** the rule `agrees` applies, in words */
  tolerance: string
  /** where paper_value comes from */
  source: string
}

export interface AtlasReproduction {
  name: AtlasName
  claims: AtlasClaim[]
  /** what the claims rest on, what was left out, and anything the user should know beside the numbers */
  notes: string[]
}

export interface AtlasOpenResult {
  name: AtlasName
  project: string
  projectId: number
  runs: number
  already_open: boolean
  warnings: string[]
}

const name = z.enum(ATLAS_NAMES)

export const atlasChannels = {
  atlasList: channel<{ atlas: AtlasEntrySummary[] }>()(z.object({}).strict()),
  atlasOpen: channel<AtlasOpenResult>()(z.object({ name }).strict()),
  atlasReproduce: channel<AtlasReproduction>()(z.object({ name }).strict()),
}
