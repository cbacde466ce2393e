/**
 * GET /ws: the lab's events over WebSocket. Every upgrade is checked (target, Host, Origin, token) inside a
 * guard, refusals are answered with a status line, and each socket has its error handled: a message over
 * MAX_MESSAGE_BYTES closes that socket with 1009 and nothing else.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Lab } from '../core/lab'
import { checkHostAndOrigin, checkSingleHost, checkToken, parseRequestUrl } from './request-guard'

/** the page never sends anything; this bounds what a client may make the host buffer */
export const MAX_MESSAGE_BYTES = 64 * 1024

export interface EventSockets {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  close(): void
}

/** Answer an upgrade with an HTTP status and close the socket once it is written. */
function refuse(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy()
  const body = JSON.stringify({ ok: false, error: { code: status === 400 ? 'bad-request' : status === 401 ? 'unauthorized' : status === 404 ? 'not-found' : status === 403 ? 'forbidden' : 'internal', message: reason } })
  socket.once('finish', () => socket.destroy())
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
}

export function eventSockets(lab: Lab, token: string, port: () => number): EventSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const sockets = new Set<WebSocket>()

  const accept = (ws: WebSocket): void => {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    // ws closes the socket itself (1009 for a message too large, 1002 for a protocol error); nothing to rethrow
    ws.on('error', () => sockets.delete(ws))
    ws.on('message', () => undefined)
  }

  const check = (req: IncomingMessage): { status: number; reason: string } | undefined => {
    const target = parseRequestUrl(req.url)
    if (!target.ok) return target
    const single = checkSingleHost(req)
    if (!single.ok) return single
    const gate = checkHostAndOrigin(req, port())
    if (!gate.ok) return gate
    if (target.url.pathname !== '/ws') return { status: 404, reason: `no event stream at ${target.url.pathname}` }
    const auth = checkToken(req, target.url, token)
    return auth.ok ? undefined : auth
  }

  const stopEvents = lab.onEvent((event) => {
    let text: string
    try {
      text = JSON.stringify(event)
    } catch {
      return
    }
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text, () => undefined)
  })

  return {
    upgrade(req, socket, head) {
      socket.on('error', () => socket.destroy())
      try {
        const refusal = check(req)
        if (refusal) return refuse(socket, refusal.status, refusal.reason)
        wss.handleUpgrade(req, socket, head, accept)
      } catch (e) {
        refuse(socket, 500, e instanceof Error ? e.message : String(e))
      }
    },
    close() {
      stopEvents()
      for (const ws of sockets) ws.terminate()
      wss.close()
    },
  }
}
