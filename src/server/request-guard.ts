/**
 * The web host's gate: the request target must be a well-formed path (percent-escapes included), exactly one
 * Host header may be sent and only this machine's loopback names may be the Host, only our own page may be the
 * Origin (so another site open in the user's browser cannot drive the lab: DNS rebinding and CSRF), and
 * every API call and event stream carries the per-session token.
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 401 | 403; reason: string }
export type UrlVerdict = { ok: true; url: URL } | { ok: false; status: 400; reason: string }

/** Decode one percent-encoded component; false when an escape is malformed (%zz, a cut UTF-8 sequence). */
function decodes(part: string): boolean {
  try {
    decodeURIComponent(part.replace(/\+/g, ' '))
    return true
  } catch {
    return false
  }
}

/**
 * The request target as a URL on our own origin. Only origin-form targets ("/path?query") are taken, never
 * "//x" (read by URL parsers as the host x, and no route of ours has an empty first segment); every escape in
 * the path and the query must decode.
 */
export function parseRequestUrl(target: string | undefined): UrlVerdict {
  const raw = target ?? '/'
  const bad = (why: string): UrlVerdict => ({ ok: false, status: 400, reason: `the request target ${JSON.stringify(raw.slice(0, 200))} ${why}` })
  if (!raw.startsWith('/')) return bad('is not a path')
  if (raw.startsWith('//')) return bad('starts with "//", which URL parsers read as another host')
  let url: URL
  try {
    url = new URL(`http://127.0.0.1${raw}`)
  } catch {
    return bad('is not a valid URL')
  }
  if (url.host !== '127.0.0.1') return bad('is not a path on this host')
  if (!decodes(url.pathname)) return bad('has a malformed percent-escape in its path')
  if (!url.search.slice(1).split('&').every(decodes)) return bad('has a malformed percent-escape in its query')
  return { ok: true, url }
}

/** Exactly one Host header: with two, a proxy and this host could each read a different one. */
export function checkSingleHost(req: IncomingMessage): GuardVerdict {
  let hosts = 0
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === 'host') hosts++
  if (hosts > 1) return { ok: false, status: 400, reason: `the request carries ${hosts} Host headers; send exactly one` }
  return { ok: true }
}

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

export function tokenFrom(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-lab-token']
  if (typeof header === 'string' && header) return header
  const auth = req.headers.authorization
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7)
  return url.searchParams.get('token') ?? undefined
}

/** `url` is the request's own, from parseRequestUrl. */
export function checkToken(req: IncomingMessage, url: URL, token: string): GuardVerdict {
  const given = tokenFrom(req, url)
  if (!given) return { ok: false, status: 401, reason: 'this request needs the session token (X-Lab-Token header or ?token=)' }
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, status: 401, reason: 'wrong session token' }
  return { ok: true }
}
