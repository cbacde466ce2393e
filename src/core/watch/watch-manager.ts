/**
 * The lab's watched folders: each one a FolderWatcher whose files go through the incremental import
 * (ingest/import-growth.ts) into its project. After each file: the runs of the file are marked running when the
 * file changed within the quiet window (default 60 s), the watch's activity is recorded in the catalog, and the lab
 * says `watch-activity` and `runs-changed`. Once a file has been quiet for the window, its runs' mark is cleared.
 * Watches are recorded in the catalog (watched_folders) and resumed when the lab opens it.
 */
import { realpath, stat } from 'node:fs/promises'
import type { LabEvent } from '../../shared/api/jobs'
import type { WatchActivity, WatchFileError, WatchInfo } from '../../shared/api/watch'
import { LabError, isLabError, toErrorInfo } from '../../shared/errors'
import type { Catalog, WatchedFolderRecord } from '../catalog'
import { importGrowth, type GrowthSummary } from '../ingest/import-growth'
import { importFileInWorker } from '../ingest/import-in-worker'
import { FolderWatcher } from './folder-watcher'

export const DEFAULT_QUIET_SECONDS = 60
const MAX_ERRORS = 20

export interface WatchManagerOptions {
  quietSeconds?: number
  pollMs?: number
  now?: () => number
}

interface FileState {
  /** last change of the file (its modification time) */
  changedAt: number
  runIds: number[]
  running: boolean
}

interface Active {
  record: WatchedFolderRecord
  watcher: FolderWatcher | undefined
  quietSeconds: number
  files: Map<string, FileState>
  errors: WatchFileError[]
}

export class WatchManager {
  private readonly active = new Map<number, Active>()
  private closed = false

  constructor(
    private readonly ctx: { catalog: Catalog; emit(event: LabEvent): void },
    private readonly opts: WatchManagerOptions = {},
  ) {}

  private get now(): number {
    return (this.opts.now ?? Date.now)()
  }

  /** Watch `path` (a folder) for the project: record it, import what is there, then follow it. */
  async watch(projectId: number, path: string, quietSeconds?: number): Promise<WatchInfo> {
    const project = this.ctx.catalog.getProject(projectId)
    if (!project) throw new LabError('not-found', `No project with id ${projectId}.`)
    const folder = await checkFolder(path)
    const record = this.ctx.catalog.watches.add(project.id, folder)
    const running = this.active.get(record.id)
    if (running?.watcher) return this.info(running)
    return this.info(await this.start(record, quietSeconds))
  }

  async unwatch(watchId: number): Promise<WatchInfo> {
    const a = this.active.get(watchId)
    const record = this.ctx.catalog.watches.remove(watchId)
    this.active.delete(watchId)
    if (a) {
      await a.watcher?.stop()
      this.clearMarks(a, [...a.files.keys()])
    }
    return { ...this.info(a ?? this.inactive(record)), active: false }
  }

  list(): WatchInfo[] {
    return this.ctx.catalog.watches.list().map((r) => this.info(this.active.get(r.id) ?? this.inactive(r)))
  }

  /** Start every recorded watch (the lab opened its catalog); marks left by an earlier session are cleared first. */
  async resume(): Promise<void> {
    const cleared = this.ctx.catalog.watches.clearRunning({ before: new Date(this.now).toISOString() })
    for (const projectId of cleared) this.ctx.emit({ type: 'runs-changed', projectId, runIds: [] })
    for (const record of this.ctx.catalog.watches.list()) {
      try {
        await checkFolder(record.path)
        await this.start(record)
      } catch (e) {
        const message = isLabError(e) ? e.message : String(e)
        this.ctx.catalog.watches.noteActivity(record.id, new Date(this.now).toISOString(), message)
        this.active.set(record.id, { ...this.inactive({ ...record, lastError: message }) })
      }
    }
  }

  /** Stop every watch (the lab closes): the running marks this lab set are cleared, as nothing follows the logs now. */
  async close(): Promise<void> {
    const all = [...this.active.values()]
    for (const a of all) this.clearMarks(a, [...a.files.keys()])
    this.closed = true
    this.active.clear()
    await Promise.all(all.map((a) => a.watcher?.stop()))
  }

  private inactive(record: WatchedFolderRecord): Active {
    return { record, watcher: undefined, quietSeconds: this.opts.quietSeconds ?? DEFAULT_QUIET_SECONDS, files: new Map(), errors: [] }
  }

  private async start(record: WatchedFolderRecord, quietSeconds?: number): Promise<Active> {
    const a: Active = { ...this.inactive(record), quietSeconds: quietSeconds ?? this.opts.quietSeconds ?? DEFAULT_QUIET_SECONDS }
    a.watcher = new FolderWatcher({
      folder: record.path,
      pollMs: this.opts.pollMs,
      now: this.opts.now,
      onFile: (file) => this.importOne(a, file),
      onScan: () => this.clearQuiet(a),
      onError: (e, file) => this.failed(a, e, file),
    })
    this.active.set(record.id, a)
    await a.watcher.scan()
    return a
  }

  private async importOne(a: Active, file: string): Promise<void> {
    if (this.closed) return
    let summary: GrowthSummary
    try {
      // a whole import (a new or rewritten file, possibly large) runs in a worker thread when the catalog is a file
      summary = await importGrowth(this.ctx.catalog, file, { project: a.record.projectName, fileName: file }, {
        wholeImport: (options) => importFileInWorker(this.ctx.catalog, file, options),
      })
    } catch (e) {
      // a log just created (empty, a header, no complete row yet) is not an error: it is read again when it grows
      if (!isLabError(e) || e.code !== 'import-empty' || this.closed) throw e
      const activity: WatchActivity = { ...this.quietActivity(a, file, []), change: 'waiting', warnings: [`${e.message} Waiting for complete rows; the file is read again when it grows.`] }
      this.ctx.emit({ type: 'watch-activity', activity })
      return
    }
    if (this.closed || summary.duplicate || summary.change === 'unchanged') return
    const { mtimeMs } = await stat(file)
    const catalog = this.ctx.catalog
    const runIds = summary.importId === undefined ? [] : catalog.watches.runsOfImport(summary.importId)
    const recent = this.now - mtimeMs < a.quietSeconds * 1000
    const at = new Date(this.now).toISOString()
    if (recent) catalog.watches.markRunning(runIds, at)
    a.files.set(file, { changedAt: mtimeMs, runIds, running: recent })
    catalog.watches.noteActivity(a.record.id, at, null)
    a.record = { ...a.record, lastActivityAt: at, lastError: null }
    this.say(a, file, summary, runIds, at)
  }

  private say(a: Active, file: string, s: GrowthSummary, runIds: number[], at: string): void {
    const activity: WatchActivity = {
      watchId: a.record.id,
      projectId: a.record.projectId,
      file,
      change: s.change,
      at,
      importId: s.importId,
      points: s.points,
      rows: s.rows,
      rewrites: s.rewrites,
      newRuns: s.newRuns,
      runIds,
      warnings: s.warnings,
    }
    this.ctx.emit({ type: 'watch-activity', activity })
    this.ctx.emit({ type: 'runs-changed', projectId: a.record.projectId, runIds })
  }

  private quietActivity(a: Active, file: string, runIds: number[]): WatchActivity {
    return { watchId: a.record.id, projectId: a.record.projectId, file, change: 'quiet', at: new Date(this.now).toISOString(), points: 0, rows: 0, rewrites: 0, newRuns: [], runIds, warnings: [] }
  }

  /** Files quiet for the window: their runs are no longer marked running. */
  private clearQuiet(a: Active): void {
    if (this.closed) return
    const quiet = [...a.files].filter(([, f]) => f.running && this.now - f.changedAt >= a.quietSeconds * 1000).map(([file]) => file)
    this.clearMarks(a, quiet)
  }

  private clearMarks(a: Active, files: string[]): void {
    for (const file of files) {
      const f = a.files.get(file)
      if (!f?.running) continue
      f.running = false
      this.ctx.catalog.watches.clearRunning({ runIds: f.runIds })
      this.ctx.emit({ type: 'watch-activity', activity: this.quietActivity(a, file, f.runIds) })
      this.ctx.emit({ type: 'runs-changed', projectId: a.record.projectId, runIds: f.runIds })
    }
  }

  private failed(a: Active, e: unknown, file?: string): void {
    if (this.closed) return
    const info = toErrorInfo(e)
    const at = new Date(this.now).toISOString()
    const error: WatchFileError = { file: info.file ?? file ?? a.record.path, code: info.code, message: info.message, at }
    if (info.line !== undefined) error.line = info.line
    if (info.column !== undefined) error.column = info.column
    if (info.hint !== undefined) error.hint = info.hint
    a.errors.unshift(error)
    a.errors.splice(MAX_ERRORS)
    const where = [error.file, error.line, error.column].filter((p) => p !== undefined).join(':')
    const message = `${where}: ${error.message}`
    this.ctx.catalog.watches.noteActivity(a.record.id, at, message)
    a.record = { ...a.record, lastActivityAt: at, lastError: message }
    const activity: WatchActivity = { watchId: a.record.id, projectId: a.record.projectId, file: error.file, change: 'error', at, points: 0, rows: 0, rewrites: 0, newRuns: [], runIds: [], warnings: [], error }
    this.ctx.emit({ type: 'watch-activity', activity })
  }

  private info(a: Active): WatchInfo {
    return {
      id: a.record.id,
      projectId: a.record.projectId,
      projectName: a.record.projectName,
      path: a.record.path,
      createdAt: a.record.createdAt,
      lastActivityAt: a.record.lastActivityAt,
      lastError: a.record.lastError,
      active: a.watcher !== undefined,
      files: a.files.size,
      quietSeconds: a.quietSeconds,
      pollSeconds: (a.watcher?.pollMs ?? this.opts.pollMs ?? 1000) / 1000,
      fileEvents: a.watcher?.nativeEvents ?? false,
      errors: [...a.errors],
    }
  }
}

/** The folder's real absolute path; refused when it does not exist or is not a directory. */
async function checkFolder(path: string): Promise<string> {
  const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new LabError('watch-folder', e.code === 'ENOENT' ? `No folder ${path}.` : `Cannot read ${path}: ${e.message}.`, {
      hint: 'Give the path of an existing folder of CSV logs.',
    })
  })
  if (!st.isDirectory()) throw new LabError('watch-folder', `${path} is a file, not a folder.`, { hint: 'Watch the folder that holds the logs; each CSV file in it is imported.' })
  return realpath(path)
}
