/** The SQLite experiment catalog. */
export { Catalog } from './catalog'
export { migrate, schemaVersion } from './migrate'
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations'
export { openDatabase, type OpenOptions } from './open-database'
export * from './types'
