/**
 * Files handed to the lab for import: the renderer uploads bytes (over IPC or HTTP), the store keeps them in a
 * private temporary folder under a random id, so no door ever accepts a file-system path from a page.
 * A session's uploads share a quota (total bytes), and an upload not used for `expiryMs` is deleted.
 */
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { writeFile } from 'node:fs/promises'
import { LabError } from '../../shared/errors'

export interface Upload {
  id: string
  name: string
  path: string
  size: number
}

export interface UploadStoreOptions {
  /** total bytes all uploads of the session may hold (default 8 GiB) */
  quotaBytes?: number
  /** an upload not used for this long is deleted (default 60 minutes) */
  expiryMs?: number
  /** the clock (ms); tests inject one */
  now?: () => number
}

export const DEFAULT_UPLOAD_QUOTA_BYTES = 8 * 1024 ** 3
export const DEFAULT_UPLOAD_EXPIRY_MS = 60 * 60_000
const CLI_HINT = 'Import large files with the command line instead: scaling-lab import FILE'

/** 600 -> "600 B", 1536 -> "1.5 KiB" */
export function bytesText(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${v} B` : `${Number(v.toFixed(1))} ${units[i]}`
}

interface Entry extends Upload {
  lastUsed: number
  /** the user's own file (fromPath): never deleted, not in the quota */
  local?: boolean
}

export class UploadStore {
  readonly dirPath = mkdtempSync(join(tmpdir(), 'scaling-lab-uploads-'))
  readonly quotaBytes: number
  readonly expiryMs: number
  private readonly now: () => number
  private readonly uploads = new Map<string, Entry>()
  /** names of uploads deleted by expiry, so a late use says what happened */
  private readonly expired = new Map<string, string>()
  private readonly sweeper: ReturnType<typeof setInterval>

  constructor(options: UploadStoreOptions = {}) {
    this.quotaBytes = options.quotaBytes ?? DEFAULT_UPLOAD_QUOTA_BYTES
    this.expiryMs = options.expiryMs ?? DEFAULT_UPLOAD_EXPIRY_MS
    this.now = options.now ?? Date.now
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, Math.min(this.expiryMs / 2, 60_000)))
    this.sweeper.unref()
  }

  async fromBytes(name: string, bytes: Uint8Array): Promise<Upload> {
    const upload = this.reserve(name)
    this.checkQuota(upload.name, bytes.byteLength)
    await writeFile(upload.path, bytes)
    return this.register(upload)
  }

  /**
   * Copy a stream into the store, refusing it past `maxBytes` or the quota. On refusal the partial file is
   * deleted and the stream is left paused, not destroyed: the caller decides (the web host answers 413 first).
   */
  async fromStream(name: string, stream: Readable, maxBytes: number): Promise<Upload> {
    const upload = this.reserve(name)
    const room = this.roomLeft()
    const tooBig = (seen: number): LabError | undefined => {
      if (seen > maxBytes) return new LabError('upload-too-large', `${upload.name} is larger than ${bytesText(maxBytes)}, the most one upload may hold.`, { hint: CLI_HINT })
      if (seen > room) return this.quotaError(upload.name, seen)
      return undefined
    }
    try {
      await copyWithLimit(stream, createWriteStream(upload.path), tooBig)
    } catch (e) {
      rmSync(upload.path, { force: true })
      throw e
    }
    return this.register(upload)
  }

  /** Refuse up front an upload whose declared size cannot fit (before any byte is read). */
  checkQuota(name: string, size: number): void {
    if (size > this.roomLeft()) throw this.quotaError(name, size)
  }

  /**
   * A local file named on the command line, read where it is: never copied, never deleted (not by expiry, not by
   * dispose) and not counted in the quota. Only the CLI calls this (lab.context is not reachable from a page);
   * `name` is the path as the user typed it, so messages point at FILE:LINE:COLUMN in their words. A missing file
   * is reported by the import that reads it.
   */
  fromPath(path: string): Upload {
    const id = randomBytes(16).toString('hex')
    let size = 0
    try {
      size = statSync(path).size
    } catch {
      // the import says "Cannot read the file: no such file" with the file's name
    }
    const upload: Entry = { id, name: path, path, size, lastUsed: this.now(), local: true }
    this.uploads.set(id, upload)
    return upload
  }

  get(id: string): Upload {
    this.sweep()
    const upload = this.uploads.get(id)
    if (!upload) {
      const gone = this.expired.get(id)
      if (gone) throw new LabError('upload-expired', `The uploaded file ${gone} was deleted after ${this.expiryMinutes()} unused.`, { hint: 'Upload the file again.' })
      throw new LabError('unknown-upload', `No uploaded file with id ${id}.`, { hint: 'Upload the file again.' })
    }
    upload.lastUsed = this.now()
    return upload
  }

  /** Bytes the live uploads hold (expired ones are deleted first). */
  usedBytes(): number {
    this.sweep()
    let used = 0
    for (const u of this.uploads.values()) if (!u.local) used += u.size
    return used
  }

  /** Delete every upload not used for `expiryMs`. */
  sweep(): void {
    const cutoff = this.now() - this.expiryMs
    for (const [id, u] of this.uploads) {
      if (u.local || u.lastUsed > cutoff) continue
      try {
        rmSync(u.path, { force: true })
      } catch {
        continue // still open elsewhere (Windows): try again on the next sweep
      }
      this.uploads.delete(id)
      this.expired.set(id, u.name)
    }
  }

  dispose(): void {
    clearInterval(this.sweeper)
    this.uploads.clear()
    rmSync(this.dirPath, { recursive: true, force: true })
  }

  private roomLeft(): number {
    return this.quotaBytes - this.usedBytes()
  }

  private quotaError(name: string, size: number): LabError {
    return new LabError('upload-quota', `${name} (${bytesText(size)}) would take this session's uploads past their quota of ${bytesText(this.quotaBytes)}: ${bytesText(this.usedBytes())} are already held.`, {
      hint: `Uploads not used for ${this.expiryMinutes()} are deleted and free their room. ${CLI_HINT}`,
    })
  }

  private expiryMinutes(): string {
    const m = this.expiryMs / 60_000
    return `${Number(m.toFixed(2))} minute${m === 1 ? '' : 's'}`
  }

  private reserve(name: string): Entry {
    const safe = basename(name).replace(/[^\w.\- ]+/g, '_').slice(0, 180) || 'upload.csv'
    const id = randomBytes(16).toString('hex')
    return { id, name: safe, path: join(this.dirPath, `${id}-${safe}`), size: 0, lastUsed: this.now() }
  }

  private register(upload: Entry): Upload {
    const size = statSync(upload.path).size
    if (size > this.roomLeft()) {
      // two uploads that ran at once may each have fit alone
      rmSync(upload.path, { force: true })
      throw this.quotaError(upload.name, size)
    }
    upload.size = size
    upload.lastUsed = this.now()
    this.uploads.set(upload.id, upload)
    return upload
  }
}

/**
 * Copy `src` into `out` with backpressure; `check(bytesSeen)` may refuse it. On refusal or a source that ends
 * early, `out` is destroyed and `src` is left paused with our listeners removed (never destroyed here).
 */
function copyWithLimit(src: Readable, out: Writable, check: (seen: number) => LabError | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0
    let ended = false
    const detach = (): void => {
      src.off('data', onData)
      src.off('end', onEnd)
      src.off('error', fail)
      src.off('close', onClose)
    }
    const fail = (e: unknown): void => {
      detach()
      src.pause()
      out.destroy()
      // reject once the file is closed, so the caller's delete cannot race its creation
      if (out.closed) reject(e)
      else out.once('close', () => reject(e))
    }
    const onData = (chunk: Buffer): void => {
      seen += chunk.length
      const refusal = check(seen)
      if (refusal) return fail(refusal)
      if (!out.write(chunk)) {
        src.pause()
        out.once('drain', () => src.resume())
      }
    }
    const onEnd = (): void => {
      ended = true
      detach()
      out.end()
    }
    const onClose = (): void => {
      if (!ended) fail(new LabError('upload-aborted', 'The upload was interrupted before its last byte arrived.', { hint: 'Upload the file again.' }))
    }
    out.once('finish', () => resolve())
    out.once('error', fail)
    src.on('data', onData)
    src.once('end', onEnd)
    src.once('error', fail)
    src.once('close', onClose)
  })
}
