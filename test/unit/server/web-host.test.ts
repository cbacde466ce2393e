import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import WebSocket from 'ws'
import { createLab, type Lab } from '../../../src/core/lab'
import { startWebHost, type WebHost } from '../../../src/server/web-host'

/** A raw HTTP request, so Host and Origin can be forged as another site would. */
function raw(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers, setHost: !init.headers?.Host }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    if (init.body) req.write(init.body)
    req.end()
  })
}

describe('web host', () => {
  let lab: Lab
  let host: WebHost
  const dir = mkdtempSync(join(tmpdir(), 'lab-web-'))

  beforeAll(async () => {
    const renderer = join(dir, 'renderer')
    mkdirSync(renderer)
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Scaling Lab</title>')
    lab = await createLab({ catalogPath: join(dir, 'catalog.sqlite'), host: 'web', seedDemo: false })
    host = await startWebHost({ lab, rendererDir: renderer, port: 0 })
  })
  afterAll(async () => {
    await host.close()
    lab.close()
  })

  it('binds 127.0.0.1 only and prints the URL with its token', () => {
    const address = host.server.address()
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1')
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${encodeURIComponent(host.token)}`)
  })

  it('answers an API call that carries the token', async () => {
    const r = await raw(host.port, '/api/listProjects', { method: 'POST', headers: { 'X-Lab-Token': host.token, 'Content-Type': 'application/json' }, body: '{}' })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: [] })
    const q = await raw(host.port, `/api/counts?token=${encodeURIComponent(host.token)}`, { method: 'POST', body: '{}' })
    expect(JSON.parse(q.body).value.runs).toBe(0)
  })

  it('refuses a request without the token or with a wrong one (401)', async () => {
    expect((await raw(host.port, '/api/listProjects', { method: 'POST', body: '{}' })).status).toBe(401)
    expect((await raw(host.port, '/api/listProjects', { method: 'POST', headers: { 'X-Lab-Token': 'x' + host.token.slice(1) }, body: '{}' })).status).toBe(401)
  })

  it('refuses a foreign Origin or Host (403), even with the token', async () => {
    const foreign = await raw(host.port, '/api/listProjects', { method: 'POST', headers: { 'X-Lab-Token': host.token, Origin: 'http://evil.example' }, body: '{}' })
    expect(foreign.status).toBe(403)
    const rebinding = await raw(host.port, '/api/listProjects', { method: 'POST', headers: { 'X-Lab-Token': host.token, Host: `evil.example:${host.port}` }, body: '{}' })
    expect(rebinding.status).toBe(403)
    const page = await raw(host.port, '/', { headers: { Host: 'evil.example' } })
    expect(page.status).toBe(403)
    const own = await raw(host.port, '/api/listProjects', { method: 'POST', headers: { 'X-Lab-Token': host.token, Origin: `http://127.0.0.1:${host.port}` }, body: '{}' })
    expect(own.status).toBe(200)
  })

  it('parses payloads before the lab sees them', async () => {
    const r = await raw(host.port, '/api/getRun', { method: 'POST', headers: { 'X-Lab-Token': host.token }, body: JSON.stringify({ runId: 'DROP TABLE runs' }) })
    const body = JSON.parse(r.body)
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('bad-request')
    expect(body.error.message).toMatch(/getRun\.runId/)
    const unknown = await raw(host.port, '/api/readFile', { method: 'POST', headers: { 'X-Lab-Token': host.token }, body: '{}' })
    expect(unknown.status).toBe(404)
  })

  it('serves the app with a strict Content-Security-Policy and never a file outside it', async () => {
    const page = await new Promise<{ csp?: string; status: number }>((resolve) => {
      request({ host: '127.0.0.1', port: host.port, path: '/catalog' }, (res) => resolve({ csp: res.headers['content-security-policy'] as string, status: res.statusCode ?? 0 })).end()
    })
    expect(page.status).toBe(200)
    expect(page.csp).toMatch(/default-src 'self'/)
    expect(page.csp).toMatch(/object-src 'none'/)
    expect((await raw(host.port, '/..%2f..%2fpackage.json')).status).not.toBe(200)
  })

  it('opens the event stream only with the token and from our own origin', async () => {
    const open = (url: string, origin?: string): Promise<'open' | number> =>
      new Promise((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {})
        ws.on('open', () => {
          ws.close()
          resolve('open')
        })
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.on('error', () => undefined)
      })
    const base = `ws://127.0.0.1:${host.port}/ws`
    expect(await open(`${base}?token=${encodeURIComponent(host.token)}`)).toBe('open')
    expect(await open(base)).toBe(401)
    expect(await open(`${base}?token=${encodeURIComponent(host.token)}`, 'http://evil.example')).toBe(403)
  })
})
