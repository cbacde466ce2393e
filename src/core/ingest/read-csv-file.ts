/**
 * Stream a CSV file through the tokenizer chunk by chunk (one reused read buffer), reporting progress and
 * honouring cancellation between chunks.
 */
import { open } from 'node:fs/promises'
import { throwIfCancelled } from '../jobs/cancelled'
import { CsvTokenizer, type RowHandler } from './csv-tokenizer'

export interface ReadCsvOptions {
  delimiter: string
  /** name shown in errors */
  file: string
  /** skip a byte-order mark */
  startOffset?: number
  chunkBytes?: number
  /** stop after this many bytes (previews); the row cut by the limit is not emitted */
  maxBytes?: number
  signal?: AbortSignal
  /** after each chunk: bytes read so far and the file size */
  onChunk?: (bytesRead: number, size: number) => void
}

export interface ReadCsvResult {
  bytesRead: number
  size: number
  /** false when onRow stopped early or maxBytes cut the file */
  complete: boolean
}

export async function readCsvFile(path: string, opts: ReadCsvOptions, onRow: RowHandler): Promise<ReadCsvResult> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const limit = Math.min(size, opts.maxBytes ?? Infinity)
    const tokenizer = new CsvTokenizer(opts.delimiter, opts.file)
    const buffer = Buffer.allocUnsafe(opts.chunkBytes ?? 512 * 1024)
    let position = opts.startOffset ?? 0
    while (position < limit) {
      throwIfCancelled(opts.signal)
      const want = Math.min(buffer.length, limit - position)
      const { bytesRead } = await handle.read(buffer, 0, want, position)
      if (bytesRead === 0) break
      position += bytesRead
      tokenizer.write(buffer.subarray(0, bytesRead), onRow)
      if (tokenizer.isStopped) return { bytesRead: position, size, complete: false }
      opts.onChunk?.(position, size)
    }
    if (position >= size) tokenizer.end(onRow)
    return { bytesRead: position, size, complete: position >= size && !tokenizer.isStopped }
  } finally {
    await handle.close()
  }
}
