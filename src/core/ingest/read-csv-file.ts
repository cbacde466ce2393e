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
  /** read only bytes before this offset (default: the file's size when opened) */
  endOffset?: number
  /** the 1-based line at startOffset, when the reading resumes mid-file (every row then counts as data) */
  firstLine?: number
  /** a last row without its line end is not emitted but held back (a file still being written) */
  holdPartialRow?: boolean
  /** after each chunk: bytes read so far and the file size */
  onChunk?: (bytesRead: number, size: number) => void
}

export interface ReadCsvResult {
  bytesRead: number
  size: number
  /** false when onRow stopped early or maxBytes cut the file */
  complete: boolean
  /**
   * where a later read of the same file, grown, resumes: just past the last row that ended with its line end
   * (a last row without one, held back or emitted by the file's end, is read again then), and that offset's line
   */
  resumeOffset: number
  resumeLine: number
}

export async function readCsvFile(path: string, opts: ReadCsvOptions, onRow: RowHandler): Promise<ReadCsvResult> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const end = Math.min(size, opts.endOffset ?? Infinity)
    const limit = Math.min(end, opts.maxBytes ?? Infinity)
    const tokenizer = new CsvTokenizer(opts.delimiter, opts.file, opts.firstLine === undefined ? undefined : { line: opts.firstLine, rowIndex: 1 })
    const buffer = Buffer.allocUnsafe(opts.chunkBytes ?? 512 * 1024)
    let position = opts.startOffset ?? 0
    while (position < limit) {
      throwIfCancelled(opts.signal)
      const want = Math.min(buffer.length, limit - position)
      const { bytesRead } = await handle.read(buffer, 0, want, position)
      if (bytesRead === 0) break
      position += bytesRead
      tokenizer.write(buffer.subarray(0, bytesRead), onRow)
      if (tokenizer.isStopped) return { bytesRead: position, size, complete: false, resumeOffset: position - tokenizer.pendingBytes, resumeLine: tokenizer.nextLine }
      opts.onChunk?.(position, end)
    }
    const resumeOffset = position - tokenizer.pendingBytes
    const resumeLine = tokenizer.nextLine
    if (position >= end && !opts.holdPartialRow) tokenizer.end(onRow)
    return { bytesRead: position, size, complete: position >= end && !tokenizer.isStopped, resumeOffset, resumeLine }
  } finally {
    await handle.close()
  }
}
