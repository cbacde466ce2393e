/**
 * Folders that update live (issue 14): watch a folder of CSV logs for a project. New files are imported, grown ones
 * incrementally (only their new rows), rewritten ones as a replacement of their earlier import; runs whose log changed
 * within the quiet window are marked running. Watches are kept in the catalog and resumed when the app or the web
 * host opens it. The lab says `watch-activity` for each file handled and `runs-changed` when runs changed.
 */
import { z } from 'zod'
import { channel } from './channel'

/**
 * What happened to a file: see src/core/ingest/import-growth.ts; `quiet`: its runs are no longer marked running;
 * `waiting`: nothing to import yet (an empty log, a header alone, no complete row), read again when it grows.
 */
export const WATCH_CHANGES = ['new', 'appended', 'unchanged', 'rewritten', 'truncated', 'reimported', 'quiet', 'waiting', 'error'] as const
export type WatchChange = (typeof WATCH_CHANGES)[number]

/** A file a watch could not import, and why (the file is tried again when it changes). */
export interface WatchFileError {
  file: string
  code: string
  message: string
  line?: number
  column?: number
  hint?: string
  at: string
}

export interface WatchInfo {
  id: number
  projectId: number
  projectName: string
  /** the folder (absolute) */
  path: string
  createdAt: string
  /** the last time a file of the folder was imported, or failed */
  lastActivityAt: string | null
  /** the last error of the watch, null once a later file went well */
  lastError: string | null
  /** watched by this lab now (false: recorded, but the folder could not be watched; lastError says why) */
  active: boolean
  /** files of the folder imported at least once while watched */
  files: number
  /** runs stay marked running until their log has been quiet this long */
  quietSeconds: number
  /** how often the folder is polled (also when file-system events work) */
  pollSeconds: number
  /** false: only the poll sees changes (file-system events are not available for this folder) */
  fileEvents: boolean
  /** the latest files that could not be imported (at most 20, newest first) */
  errors: WatchFileError[]
}

/** One file handled by a watch (the lab's `watch-activity` event, and a line of `scaling-lab watch`). */
export interface WatchActivity {
  watchId: number
  projectId: number
  file: string
  change: WatchChange
  at: string
  importId?: number
  /** points added (a rewritten or truncated file: points of the whole new import) */
  points: number
  /** data rows read by an append */
  rows: number
  /** points already stored that an appended row rewrote */
  rewrites: number
  newRuns: string[]
  /** runs of the file (marked running, or cleared when quiet) */
  runIds: number[]
  warnings: string[]
  error?: WatchFileError
}

/** The desktop menu's command for a folder chosen in File > Watch Folder…: this prefix, then the folder's path. */
export const WATCH_FOLDER_COMMAND = 'watch-folder:'

const id = z.number().int().positive()

export const watchChannels = {
  /** watch a local folder (it must exist and be a directory) for a project: imports what is there, then follows it */
  watchFolder: channel<WatchInfo>()(
    z
      .object({
        projectId: id,
        path: z.string().trim().min(1).max(4096),
        /** seconds a log must be quiet before its runs are no longer marked running (default 60) */
        quietSeconds: z.number().int().min(1).max(86_400).optional(),
      })
      .strict(),
  ),
  unwatchFolder: channel<WatchInfo>()(z.object({ watchId: id }).strict()),
  listWatches: channel<WatchInfo[]>()(z.object({}).strict()),
}
