/**
 * Request bodies under a limit: the declared Content-Length is checked before a byte is read, the bytes are
 * counted while they stream, and a refused body is answered 413 without resetting the connection (what is
 * left of it is read and dropped, up to DRAIN_CAP_BYTES; a body declared larger than that closes the connection).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LabError, type LabErrorInfo } from '../shared/errors'

/** how much of a refused body is read and dropped so the client can read the 413 */
export const DRAIN_CAP_BYTES = 64 * 1024 * 1024

export const TOO_LARGE_CODES: ReadonlySet<string> = new Set(['request-too-large', 'upload-too-large', 'upload-quota'])

/** The declared body length, undefined when none is declared (chunked). Node's parser has checked the digits. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length']
  if (header === undefined) return undefined
  const n = Number(header)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.writableEnded) {
    // an answer is already under way: all that is left is to end it
    res.destroy()
    return
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(JSON.stringify(body))
}

/** Answer 413 with the error, then drop the rest of the body (or close, when too much of it is declared). */
export function refuseBody(req: IncomingMessage, res: ServerResponse, error: LabErrorInfo): void {
  const declared = declaredLength(req)
  if (declared !== undefined && declared > DRAIN_CAP_BYTES) {
    sendJson(res, 413, { ok: false, error }, { Connection: 'close' })
    return
  }
  sendJson(res, 413, { ok: false, error })
  let dropped = 0
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length
    if (dropped > DRAIN_CAP_BYTES) req.destroy()
  })
  req.on('error', () => undefined)
  req.resume()
}

export function tooLargeError(limit: number): LabError {
  return new LabError('request-too-large', `The request body is larger than ${limit} bytes, the most this host reads for one call.`)
}

/** Read a JSON body of at most `limit` bytes; refusals leave `req` paused for refuseBody. */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = declaredLength(req)
    if (declared !== undefined && declared > limit) return reject(tooLargeError(limit))
    const chunks: Buffer[] = []
    let size = 0
    const stop = (e: unknown): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.pause()
      reject(e)
    }
    const onData = (c: Buffer): void => {
      size += c.length
      if (size > limit) return stop(tooLargeError(limit))
      chunks.push(c)
    }
    const onEnd = (): void => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (text.trim() === '') return resolve({})
      try {
        resolve(JSON.parse(text))
      } catch {
        reject(new LabError('bad-json', 'The request body is not valid JSON.'))
      }
    }
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('error', stop)
  })
}
