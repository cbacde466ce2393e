// The two doors as the renderer sees them: envelopes unwrapped, lab errors kept with file:line:column.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createElectronTransport, type PreloadLab } from '../../../src/renderer/transport/electron-transport'
import { createWebTransport } from '../../../src/renderer/transport/web-transport'
import { LabClientError, describeError } from '../../../src/renderer/transport/transport'

afterEach(() => vi.unstubAllGlobals())

function fakePreload(answers: Record<string, unknown>): PreloadLab & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = []
  const lab: Record<string, unknown> = {
    calls,
    onEvent: () => () => undefined,
    uploadFile: async (name: string, bytes: ArrayBuffer) => ({ ok: true, value: { uploadId: 'a'.repeat(32), name, size: bytes.byteLength } }),
    onMenu: (cb: (c: string) => void) => {
      cb('import')
      return () => undefined
    },
  }
  for (const [k, v] of Object.entries(answers)) {
    lab[k] = async (req: unknown) => {
      calls.push([k, req])
      return v
    }
  }
  return lab as PreloadLab & { calls: [string, unknown][] }
}

describe('electron transport', () => {
  it('calls the channel method and unwraps the value', async () => {
    const lab = fakePreload({ listProjects: { ok: true, value: [{ id: 1, name: 'Demo' }] } })
    const t = createElectronTransport(lab)
    expect(await t.call('listProjects', {})).toEqual([{ id: 1, name: 'Demo' }])
    expect(lab.calls).toEqual([['listProjects', {}]])
  })
  it('throws the lab error with its location', async () => {
    const error = { code: 'bad-row', message: 'This row has 3 fields; the header has 4.', file: 'x.csv', line: 3, column: 9, hint: 'Quote fields.' }
    const t = createElectronTransport(fakePreload({ previewImport: { ok: false, error } }))
    const e = await t.call('previewImport', { uploadId: 'a'.repeat(32) }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(LabClientError)
    expect(describeError(e)).toEqual({ where: 'x.csv:3:9', message: 'This row has 3 fields; the header has 4.', hint: 'Quote fields.', code: 'bad-row' })
  })
  it('uploads bytes and passes menu commands', async () => {
    const t = createElectronTransport(fakePreload({}))
    const file = { name: 'a.csv', arrayBuffer: async () => new ArrayBuffer(5) } as unknown as File
    expect(await t.upload(file)).toEqual({ uploadId: 'a'.repeat(32), name: 'a.csv', size: 5 })
    const seen: string[] = []
    t.onMenu?.((c) => seen.push(c))
    expect(seen).toEqual(['import'])
  })
  it('refuses a channel the shell does not offer', async () => {
    await expect(createElectronTransport(fakePreload({})).call('counts', {})).rejects.toThrow(/does not offer/)
  })
})

describe('web transport', () => {
  it('posts JSON with the token header and unwraps the envelope', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { runs: 3 } }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const t = createWebTransport('tok123')
    expect(await t.call('counts', {})).toEqual({ runs: 3 })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/counts')
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>)['X-Lab-Token']).toBe('tok123')
    expect(init.body).toBe('{}')
  })
  it('turns a 401 without an envelope into a clear error', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 401, statusText: 'Unauthorized' }))
    const e = await createWebTransport('bad').call('counts', {}).catch((x: unknown) => x)
    expect(describeError(e).code).toBe('http-401')
    expect(describeError(e).hint).toMatch(/token/)
  })
  it('keeps the lab error of an error envelope', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ ok: false, error: { code: 'unknown-run', message: 'No run 9.' } }), { status: 200 }))
    await expect(createWebTransport('t').call('getRun', { runId: 9 })).rejects.toThrow('No run 9.')
  })
  it('reports whether its event stream is up, so the jobs store polls only while it is down', () => {
    const sockets: { onopen?: () => void; onclose?: () => void; close: () => void }[] = []
    vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:1' } })
    vi.stubGlobal(
      'WebSocket',
      class {
        onopen?: () => void
        onclose?: () => void
        constructor() {
          sockets.push(this)
        }
        close(): void {
          this.onclose?.()
        }
      },
    )
    vi.useFakeTimers()
    try {
      const t = createWebTransport('t')
      const seen: boolean[] = []
      t.onConnection!((up) => seen.push(up))
      const off = t.onEvent(() => undefined)
      sockets[0].onopen!()
      sockets[0].onclose!()
      vi.advanceTimersByTime(10_000)
      sockets[1].onopen!()
      expect(seen).toEqual([false, true, false, true])
      off()
    } finally {
      vi.useRealTimers()
    }
  })
})
