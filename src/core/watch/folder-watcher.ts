/**
 * Watch one folder of CSV logs (its own files, not subfolders): fs.watch wakes a scan (debounced), and a poll
 * scans anyway every `pollMs` (the fallback where fs.watch misses changes or is not available: network drives,
 * some containers). A file is handed to `onFile` when its size or modification time changed since it was last
 * handed over, and only once its size is stable: the same at two looks one poll apart, or not modified for two
 * polls (a file still being copied in is left for the next look). Files are handled one at a time, in name order.
 */
import { watch, type FSWatcher } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** The logs a folder watch reads: CSV and TSV files. */
export const LOG_FILE = /\.(csv|tsv)$/i

export interface FolderWatcherOptions {
  folder: string
  /** the poll's period (default 1000 ms) */
  pollMs?: number
  /** how long fs.watch events are gathered before a scan (default 100 ms) */
  debounceMs?: number
  /** false: no fs.watch, only the poll (default true) */
  fileEvents?: boolean
  /** handle a new or changed file; errors are passed to onError, and the file is tried again when it changes */
  onFile(path: string): Promise<void>
  /** after each scan (the caller's periodic work: clearing marks of quiet files) */
  onScan?(): void
  /** a scan or a file failed */
  onError(error: unknown, path?: string): void
  now?: () => number
}

interface Seen {
  size: number
  mtimeMs: number
  /** the size and time last handed to onFile */
  handled?: { size: number; mtimeMs: number }
}

export class FolderWatcher {
  private readonly seen = new Map<string, Seen>()
  private fsWatcher: FSWatcher | undefined
  private pollTimer: NodeJS.Timeout | undefined
  private debounceTimer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private again = false
  private stopped = false
  /** the scan error last reported: the same one again (a folder gone for many polls) is not reported again */
  private scanError: string | undefined
  readonly pollMs: number
  private readonly debounceMs: number
  /** false when fs.watch could not be used and only the poll runs */
  readonly nativeEvents: boolean

  constructor(private readonly opts: FolderWatcherOptions) {
    this.pollMs = opts.pollMs ?? 1000
    this.debounceMs = opts.debounceMs ?? 100
    this.nativeEvents = opts.fileEvents !== false && this.startFileEvents()
    this.pollTimer = setInterval(() => this.wake(0), this.pollMs)
    this.pollTimer.unref?.()
  }

  /** fs.watch on the folder; false when it cannot be used here (the poll alone then sees changes) */
  private startFileEvents(): boolean {
    try {
      this.fsWatcher = watch(this.opts.folder, { persistent: false }, () => this.wake())
      this.fsWatcher.on('error', () => {
        // the folder went away or the watch broke: the poll goes on, and says so if the folder is gone
        this.fsWatcher?.close()
        this.fsWatcher = undefined
      })
      return true
    } catch {
      return false
    }
  }

  /** Files handed over at least once (their current sizes). */
  get files(): number {
    let n = 0
    for (const s of this.seen.values()) if (s.handled) n++
    return n
  }

  /** Scan now and wait for it (the first scan; tests). */
  scan(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.scanLoop().finally(() => (this.running = undefined))
    return this.running
  }

  /** Stop watching; waits for the file being handled, if any. */
  async stop(): Promise<void> {
    this.stopped = true
    this.fsWatcher?.close()
    this.fsWatcher = undefined
    clearInterval(this.pollTimer)
    clearTimeout(this.debounceTimer)
    await this.running
  }

  private wake(delay = this.debounceMs): void {
    if (this.stopped) return
    clearTimeout(this.debounceTimer)
    this.debounceTimer = setTimeout(() => void this.scan(), delay)
    this.debounceTimer.unref?.()
  }

  private async scanLoop(): Promise<void> {
    do {
      this.again = false
      await this.scanOnce()
    } while (this.again && !this.stopped)
  }

  private async scanOnce(): Promise<void> {
    let names: string[]
    try {
      names = (await readdir(this.opts.folder)).filter((n) => LOG_FILE.test(n)).sort()
      this.scanError = undefined
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      if (message !== this.scanError) this.opts.onError(e)
      this.scanError = message
      return
    }
    const now = (this.opts.now ?? Date.now)()
    for (const name of names) {
      if (this.stopped) return
      const path = join(this.opts.folder, name)
      const st = await stat(path).catch(() => undefined)
      if (!st?.isFile()) continue
      const before = this.seen.get(name)
      const seen: Seen = { size: st.size, mtimeMs: st.mtimeMs, handled: before?.handled }
      this.seen.set(name, seen)
      if (seen.handled && seen.handled.size === st.size && seen.handled.mtimeMs === st.mtimeMs) continue
      const stable = (before !== undefined && before.size === st.size) || now - st.mtimeMs >= 2 * this.pollMs
      if (!stable) continue
      seen.handled = { size: st.size, mtimeMs: st.mtimeMs }
      try {
        await this.opts.onFile(path)
      } catch (e) {
        this.opts.onError(e, path)
      }
    }
    for (const name of [...this.seen.keys()]) if (!names.includes(name)) this.seen.delete(name)
    if (!this.stopped) this.opts.onScan?.()
  }
}
