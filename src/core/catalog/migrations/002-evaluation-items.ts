/**
 * Schema 2: an evaluation's item count n. An evaluation file with one row per item is stored as one row per
 * (model, task, metric, shots, checkpoint) holding the items' mean, n and its standard error; an aggregated
 * file may give n itself. Evaluations stored before this version keep n NULL (not known).
 */
import type { Migration } from './migration'

export const evaluationItems: Migration = {
  version: 2,
  name: 'evaluation item counts',
  up: `
ALTER TABLE evaluations ADD COLUMN n INTEGER CHECK (n IS NULL OR n > 0);
`,
}
