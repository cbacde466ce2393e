/** Compare runs (issue 14): the configuration fields that differ between the selected runs, and how many are equal. */
import { z } from 'zod'
import { channel } from './channel'

/** A field that differs: its name (a run field, or `config.` and the config key path joined with dots) and each run's value. */
export interface DifferingField {
  field: string
  /** in the order of `runs`; null: the run does not have the field */
  values: unknown[]
}

export interface RunComparison {
  runs: { id: number; name: string }[]
  differing: DifferingField[]
  /** how many fields hold the same value in every run (not listed one by one in `differing`) */
  equal: number
  equalFields: string[]
}

export const runsCompareChannels = {
  /** the run fields and config keys (flattened with dots) that differ between the runs, each with every run's value */
  compareRuns: channel<RunComparison>()(z.object({ runIds: z.array(z.number().int().positive()).min(2).max(100) }).strict()),
}
