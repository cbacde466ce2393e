/**
 * Open a catalog file with the settings every connection needs: write-ahead log (readers never block the one
 * writer), foreign keys enforced (deleting a run cascades), a busy timeout instead of an instant
 * SQLITE_BUSY, and synchronous=NORMAL, which in WAL mode keeps every committed transaction safe from an
 * application crash and costs no fsync per commit.
 */
import Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'

export interface OpenOptions {
  /** larger page cache for the import connection (KiB) */
  cacheKiB?: number
  busyTimeoutMs?: number
}

export function openDatabase(path: string, opts: OpenOptions = {}): Database.Database {
  let db: Database.Database
  try {
    db = new Database(path)
  } catch (e) {
    throw new LabError('catalog-open', `Cannot open the catalog ${path}: ${(e as Error).message}`, {
      hint: 'Check that the folder exists and is writable, or choose another catalog with --catalog.',
    })
  }
  try {
    if (path !== ':memory:' && path !== '') {
      const mode = db.pragma('journal_mode = WAL', { simple: true })
      if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`)
    }
    db.pragma('foreign_keys = ON')
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`)
    db.pragma('synchronous = NORMAL')
    // after a checkpoint, shrink the write-ahead log back to 64 MB (a big import can grow it to the data's size)
    db.pragma('journal_size_limit = 67108864')
    if (opts.cacheKiB) db.pragma(`cache_size = -${Math.round(opts.cacheKiB)}`)
    // refuse files that are not SQLite databases before anything is written to them
    db.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (e) {
    db.close()
    if (e instanceof LabError) throw e
    throw new LabError('catalog-open', `${path} is not a usable Scaling Lab catalog: ${(e as Error).message}`, {
      hint: 'Choose another catalog file with --catalog, or move this one away.',
    })
  }
  return db
}
