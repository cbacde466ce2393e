/** The SQLite experiment catalog. */
export { Catalog } from './catalog'
export { migrate, schemaVersion } from './migrate'
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations'
export { openDatabase, type OpenOptions } from './open-database'
export * from './types'
export { chooseLossMetric, isLossLike, lossCandidates, lossRank, normalizeMetricName } from './metric-roles'
export type { ReplacedImport } from './import-replace'
export { replacementWarnings } from './import-replace'
