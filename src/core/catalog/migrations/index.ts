/** Every migration in order. Add a new file NNN-what.ts and append it here; never edit one that shipped. */
import { initialSchema } from './001-initial'
import { evaluationItems } from './002-evaluation-items'
import { lossMetricAndRunEdits } from './003-loss-metric-run-edits'
import { savedViews } from './004-saved-views'
import type { Migration } from './migration'

export type { Migration }

export const MIGRATIONS: readonly Migration[] = [initialSchema, evaluationItems, lossMetricAndRunEdits, savedViews]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version
