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
