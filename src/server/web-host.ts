/**
 * The same LabApi over HTTP and WebSocket for a browser: bound to 127.0.0.1 only, a per-session token on
 * every API call and event stream, Host and Origin checked on every request.
 *   POST /api/<channel>        JSON request  -> { ok, value } | { ok: false, error }
 *   PUT  /api/upload?name=F    raw file body -> { ok, value: { uploadId, name, size } }
 *   GET  /ws?token=T           LabEvent messages
 * Every listener is guarded: a bad target or escape answers 400, a body over its limit 413 (checked against
 * Content-Length before reading), a malformed request 400 from 'clientError'; nothing a client sends ends
 * the process.
 */
import { randomBytes } from 'node:crypto'
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Lab } from '../core/lab'
import { toErrorInfo, LabError } from '../shared/errors'
import { checkHostAndOrigin, checkSingleHost, checkToken, parseRequestUrl } from './request-guard'
import { declaredLength, readJsonBody, refuseBody, sendJson, TOO_LARGE_CODES } from './request-body'
import { eventSockets } from './event-socket'
import { securityHeaders, serveStatic } from './static-files'

export interface WebHostOptions {
  lab: Lab
  rendererDir: string
  port?: number
  token?: string
  /** JSON request bodies larger than this are refused (bytes) */
  maxJsonBytes?: number
  /** uploads larger than this are refused (bytes) */
  maxUploadBytes?: number
  /** errors of the server itself after it listens (the default ignores them; serve reports them) */
  onError?: (error: Error) => void
}

export interface WebHost {
  url: string
  port: number
  token: string
  server: Server
  /** stop listening and end every connection, open requests and event streams included */
  close(): Promise<void>
}

/** the default limits of one JSON call and one uploaded file */
export const DEFAULT_MAX_JSON_BYTES = 10 * 1024 * 1024
export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3

const fail = (code: string, message: string): { ok: false; error: { code: string; message: string } } => ({ ok: false, error: { code, message } })

/** What 'clientError' answers: Node's parser refused the request (a bad header, Content-Length: 1e12, ...). */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy()
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const body = JSON.stringify(fail('bad-request', `The request could not be read (${error.code ?? 'malformed'}).`))
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { lab, rendererDir } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  const maxJson = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES
  let port = options.port ?? 0

  const upload = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'PUT' && req.method !== 'POST') return sendJson(res, 405, fail('method', 'upload with PUT'))
    const fileName = url.searchParams.get('name') ?? 'upload.csv'
    const declared = declaredLength(req)
    if (declared !== undefined && declared > maxUpload) throw new LabError('upload-too-large', `${fileName} (${declared} bytes) is larger than ${maxUpload} bytes, the most one upload may hold.`, { hint: 'Import it with the command line: scaling-lab import FILE' })
    if (declared !== undefined) lab.context.uploads.checkQuota(fileName, declared)
    const stored = await lab.context.uploads.fromStream(fileName, req, maxUpload)
    sendJson(res, 200, { ok: true, value: { uploadId: stored.id, name: stored.name, size: stored.size } })
  }

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const auth = checkToken(req, url, token)
    if (!auth.ok) return sendJson(res, auth.status, fail('unauthorized', auth.reason))
    const name = url.pathname.slice('/api/'.length)
    try {
      if (name === 'upload') return await upload(req, res, url)
      if (req.method !== 'POST') return sendJson(res, 405, fail('method', 'API calls use POST'))
      const body = await readJsonBody(req, maxJson)
      sendJson(res, 200, { ok: true, value: await lab.invoke(name, body) })
    } catch (e) {
      const error = toErrorInfo(e)
      if (TOO_LARGE_CODES.has(error.code)) return refuseBody(req, res, error)
      sendJson(res, error.code === 'unknown-channel' ? 404 : 200, { ok: false, error })
    }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    securityHeaders(res)
    const single = checkSingleHost(req)
    if (!single.ok) return sendJson(res, single.status, fail('bad-request', single.reason), { Connection: 'close' })
    const target = parseRequestUrl(req.url)
    if (!target.ok) return sendJson(res, target.status, fail('bad-url', target.reason), { Connection: 'close' })
    const gate = checkHostAndOrigin(req, port)
    if (!gate.ok) return sendJson(res, gate.status, fail('forbidden', gate.reason))
    const { url } = target
    if (url.pathname.startsWith('/api/')) return api(req, res, url)
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('method', 'only GET here'))
    serveStatic(rendererDir, url.pathname, res)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      try {
        sendJson(res, 500, { ok: false, error: toErrorInfo(e) })
      } catch {
        res.destroy()
      }
    })
  })
  server.on('clientError', answerClientError)
  const events = eventSockets(lab, token, () => port)
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => events.upgrade(req, socket, head))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (e) => options.onError?.(e))
  port = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    server,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        events.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
