/**
 * Bring a catalog up to the schema this code knows, one numbered migration per transaction, and refuse a
 * catalog written by a newer version (its tables may mean things this code would corrupt).
 */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'
import { MIGRATIONS, type Migration } from './migrations'

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function migrate(db: Database.Database, where: string, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`)
  })
  const latest = migrations.length
  const from = schemaVersion(db)
  if (from > latest) {
    throw new LabError('catalog-too-new', `The catalog ${where} has schema version ${from}, newer than this Scaling Lab understands (${latest}).`, {
      hint: 'Update Scaling Lab to open it, or choose another catalog with --catalog or SCALING_LAB_CATALOG.',
    })
  }
  for (const m of migrations) {
    if (m.version <= from) continue
    db.transaction(() => {
      // read again under the write lock: another process (the app and a CLI on one catalog) may have applied it
      if (schemaVersion(db) >= m.version) return
      db.exec(m.up)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return { from, to: Math.max(from, latest) }
}
