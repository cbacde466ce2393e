/** SHA-256 of a file, streamed, so that importing the same bytes twice can be recognised before any work. */
import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { throwIfCancelled } from '../jobs/cancelled'

export async function sha256File(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const handle = await open(path, 'r')
  try {
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafe(1024 * 1024)
    let size = 0
    for (;;) {
      throwIfCancelled(signal)
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, size)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
      size += bytesRead
    }
    return { sha256: hash.digest('hex'), size }
  } finally {
    await handle.close()
  }
}

/**
 * The running SHA-256 of a file's first `length` bytes and of any later byte range: a resumed import checks the
 * prefix it read before (digest of a copy) and extends the same hash over the rows it reads now.
 */
export class FileHash {
  private readonly hash = createHash('sha256')
  private hashed = 0

  constructor(private readonly path: string) {}

  /** bytes hashed so far (always a prefix of the file) */
  get length(): number {
    return this.hashed
  }

  /** Extend the hash up to offset `end`; false when the file is shorter than that now. */
  async extendTo(end: number, signal?: AbortSignal): Promise<boolean> {
    if (end <= this.hashed) return end === this.hashed
    const handle = await open(this.path, 'r')
    try {
      const buffer = Buffer.allocUnsafe(Math.min(1024 * 1024, end - this.hashed))
      while (this.hashed < end) {
        throwIfCancelled(signal)
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - this.hashed), this.hashed)
        if (bytesRead === 0) return false
        this.hash.update(buffer.subarray(0, bytesRead))
        this.hashed += bytesRead
      }
      return true
    } finally {
      await handle.close()
    }
  }

  /** hex digest of the prefix hashed so far (the hash can still be extended) */
  digest(): string {
    return this.hash.copy().digest('hex')
  }
}
