/**
 * The web host's gate: only this machine's loopback names may be the Host, only our own page may be the
 * Origin (so another site open in the user's browser cannot drive the lab: DNS rebinding and CSRF), and
 * every API call and event stream carries the per-session token.
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string }

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}

export function checkHostAndOrigin(req: IncomingMessage, port: number): GuardVerdict {
  const hosts = allowedHosts(port)
  const host = (req.headers.host ?? '').toLowerCase()
  if (!hosts.has(host)) return { ok: false, status: 403, reason: `Host ${JSON.stringify(host)} is not this lab` }
  const origin = req.headers.origin
  if (origin !== undefined && origin !== 'null') {
    let originHost = ''
    try {
      const u = new URL(origin)
      originHost = u.protocol === 'http:' ? u.host.toLowerCase() : ''
    } catch {
      originHost = ''
    }
    if (!hosts.has(originHost)) return { ok: false, status: 403, reason: `Origin ${JSON.stringify(origin)} may not use this lab` }
  } else if (origin === 'null') {
    return { ok: false, status: 403, reason: 'an opaque origin may not use this lab' }
  }
  return { ok: true }
}

export function tokenFrom(req: IncomingMessage): string | undefined {
  const header = req.headers['x-lab-token']
  if (typeof header === 'string' && header) return header
  const auth = req.headers.authorization
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7)
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  return url.searchParams.get('token') ?? undefined
}

export function checkToken(req: IncomingMessage, token: string): GuardVerdict {
  const given = tokenFrom(req)
  if (!given) return { ok: false, status: 401, reason: 'this request needs the session token (X-Lab-Token header or ?token=)' }
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, status: 401, reason: 'wrong session token' }
  return { ok: true }
}
