/**
 * Transport over the local web host: POST /api/<channel> with the session token, PUT /api/upload for files,
 * and a WebSocket on /ws for events, reconnected with exponential backoff.
 */
import type { ChannelName, LabEvent, RequestOf, ResponseOf } from '../../shared/api'
import { LabClientError, unwrap, type Envelope, type Transport, type UploadResult } from './transport'
import { nextBackoff } from './backoff'

const TOKEN_KEY = 'scaling-lab.token'

/** Read the token from ?token=, keep it in sessionStorage, and take it out of the address bar. */
export function takeSessionToken(): string {
  const url = new URL(window.location.href)
  const fromQuery = url.searchParams.get('token')
  if (fromQuery) {
    sessionStorage.setItem(TOKEN_KEY, fromQuery)
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
    return fromQuery
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

async function readEnvelope<T>(res: Response): Promise<T> {
  let body: unknown
  try {
    body = await res.json()
  } catch {
    throw new LabClientError({ code: `http-${res.status}`, message: `The lab answered ${res.status} ${res.statusText} without a readable body.`, hint: res.status === 401 ? 'Open the address printed by `scaling-lab serve`, token included.' : undefined })
  }
  if (!res.ok && !(body && typeof body === 'object' && 'ok' in body)) {
    throw new LabClientError({ code: `http-${res.status}`, message: `The lab answered ${res.status} ${res.statusText}.` })
  }
  return unwrap(body as Envelope<T>)
}

export function createWebTransport(token: string, base = ''): Transport {
  const listeners = new Set<(e: LabEvent) => void>()
  const connectionListeners = new Set<(connected: boolean) => void>()
  let connected = false
  let socket: WebSocket | null = null
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  function setConnected(up: boolean): void {
    if (up === connected) return
    connected = up
    for (const cb of connectionListeners) cb(up)
  }

  function connect(): void {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
    const ws = new WebSocket(`${proto}//${window.location.host}${base}/ws?token=${encodeURIComponent(token)}`)
    socket = ws
    ws.onopen = () => {
      attempt = 0
      setConnected(true)
    }
    ws.onmessage = (msg) => {
      let event: LabEvent
      try {
        event = JSON.parse(String(msg.data)) as LabEvent
      } catch {
        return
      }
      for (const cb of listeners) cb(event)
    }
    ws.onclose = () => {
      socket = null
      setConnected(false)
      if (listeners.size === 0) return
      const delay = nextBackoff(attempt++)
      timer = setTimeout(connect, delay)
    }
  }

  return {
    kind: 'web',
    async call<K extends ChannelName>(name: K, req: RequestOf<K>): Promise<ResponseOf<K>> {
      const res = await fetch(`${base}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Lab-Token': token },
        body: JSON.stringify(req ?? {}),
      })
      return readEnvelope<ResponseOf<K>>(res)
    },
    onEvent(cb) {
      listeners.add(cb)
      if (!socket && !timer) connect()
      return () => {
        listeners.delete(cb)
        if (listeners.size === 0) {
          if (timer) clearTimeout(timer)
          timer = null
          socket?.close()
          socket = null
        }
      }
    },
    onConnection(cb) {
      connectionListeners.add(cb)
      cb(connected)
      return () => connectionListeners.delete(cb)
    },
    async upload(file: File): Promise<UploadResult> {
      const res = await fetch(`${base}/api/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'PUT',
        headers: { 'X-Lab-Token': token, 'Content-Type': 'application/octet-stream' },
        body: file,
      })
      return readEnvelope<UploadResult>(res)
    },
  }
}
