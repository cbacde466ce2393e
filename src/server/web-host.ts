/**
 * The same LabApi over HTTP and WebSocket for a browser: bound to 127.0.0.1 only, a per-session token on
 * every API call and event stream, Host and Origin checked on every request.
 *   POST /api/<channel>        JSON request  -> { ok, value } | { ok: false, error }
 *   PUT  /api/upload?name=F    raw file body -> { ok, value: { uploadId, name, size } }
 *   GET  /ws?token=T           LabEvent messages
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Lab } from '../core/lab'
import { toErrorInfo, LabError } from '../shared/errors'
import { checkHostAndOrigin, checkToken } from './request-guard'
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
}

export interface WebHost {
  url: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}

function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new LabError('request-too-large', `The request body is larger than ${limit} bytes.`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (text.trim() === '') return resolve({})
      try {
        resolve(JSON.parse(text))
      } catch {
        reject(new LabError('bad-json', 'The request body is not valid JSON.'))
      }
    })
    req.on('error', reject)
  })
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { lab, rendererDir } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  const maxJson = options.maxJsonBytes ?? 10 * 1024 * 1024
  const maxUpload = options.maxUploadBytes ?? 4 * 1024 * 1024 * 1024
  let port = options.port ?? 0

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    securityHeaders(res)
    const gate = checkHostAndOrigin(req, port)
    if (!gate.ok) return sendJson(res, gate.status, { ok: false, error: { code: 'forbidden', message: gate.reason } })
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'method', message: 'only GET here' } })
      return serveStatic(rendererDir, url.pathname, res)
    }
    const auth = checkToken(req, token)
    if (!auth.ok) return sendJson(res, auth.status, { ok: false, error: { code: 'unauthorized', message: auth.reason } })
    const name = url.pathname.slice('/api/'.length)
    try {
      if (name === 'upload') {
        if (req.method !== 'PUT' && req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'method', message: 'upload with PUT' } })
        const fileName = url.searchParams.get('name') ?? 'upload.csv'
        const upload = await lab.context.uploads.fromStream(fileName, req, maxUpload)
        return sendJson(res, 200, { ok: true, value: { uploadId: upload.id, name: upload.name, size: upload.size } })
      }
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'method', message: 'API calls use POST' } })
      const body = await readJsonBody(req, maxJson)
      const value = await lab.invoke(name, body)
      sendJson(res, 200, { ok: true, value })
    } catch (e) {
      const error = toErrorInfo(e)
      sendJson(res, error.code === 'unknown-channel' ? 404 : 200, { ok: false, error })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toErrorInfo(e) })
    })
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  const sockets = new Set<WebSocket>()
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const gate = checkHostAndOrigin(req, port)
    const auth = checkToken(req, token)
    const verdict = !gate.ok ? gate : auth
    if (url.pathname !== '/ws' || !verdict.ok) {
      const status = url.pathname !== '/ws' ? 404 : verdict.ok ? 200 : verdict.status
      socket.write(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\n\r\n`)
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
    })
  })
  const stopEvents = lab.onEvent((event) => {
    const text = JSON.stringify(event)
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    server,
    close: async () => {
      stopEvents()
      for (const ws of sockets) ws.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
