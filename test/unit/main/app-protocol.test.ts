/**
 * Issue 11: the renderer is served from app://scaling-lab/ (src/main/app-protocol.ts), and a request may name
 * only a file inside out/renderer: path traversal in every spelling (.., %2e%2e, encoded slashes and backslashes,
 * Windows drives, UNC paths, NUL) is refused, on POSIX and Windows paths alike.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { APP_INDEX_URL, APP_ORIGIN, answerAppRequest, resolveAppPath } from '../../../src/main/app-protocol'
import { contentTypeOf } from '../../../src/shared/content-types'
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp'

const ROOT = '/opt/scaling-lab/out/renderer'
const WIN_ROOT = 'C:\\Program Files\\Scaling Lab\\resources\\app.asar\\out\\renderer'

describe('resolveAppPath', () => {
  it('maps the app’s URLs to files of the renderer', () => {
    expect(APP_INDEX_URL).toBe('app://scaling-lab/index.html')
    expect(resolveAppPath(ROOT, APP_INDEX_URL)).toBe(`${ROOT}/index.html`)
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/`)).toBe(`${ROOT}/index.html`)
    expect(resolveAppPath(ROOT, APP_ORIGIN)).toBe(`${ROOT}/index.html`)
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/assets/index-DViE_v2c.js?v=1#x`)).toBe(`${ROOT}/assets/index-DViE_v2c.js`)
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/assets/a%20b.css`)).toBe(`${ROOT}/assets/a b.css`)
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/assets/../index.html`)).toBe(`${ROOT}/index.html`)
  })

  it('keeps dot segments the URL parser resolves inside the renderer directory', () => {
    // ../ and %2e%2e/ are dot segments to the URL parser (as to Chromium): they stop at the root, never above it
    for (const tail of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../../etc/passwd'])
      expect(resolveAppPath(ROOT, `${APP_ORIGIN}${tail}`), tail).toBe(`${ROOT}/etc/passwd`)
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/..`)).toBe(`${ROOT}/index.html`)
  })

  it('refuses paths that would leave it once decoded, NUL bytes and bad escapes', () => {
    for (const tail of [
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e%2f%2e%2e%2fmain%2findex.js',
      '/..%2f',
      '/..%5c..%5cmain%5cindex.js',
      '/index.html%00.png',
      '/%',
      '/%E0%A4%A',
    ])
      expect(resolveAppPath(ROOT, `${APP_ORIGIN}${tail}`), tail).toBeNull()
  })

  it('refuses other schemes, hosts and credentials', () => {
    for (const url of ['file:///opt/scaling-lab/out/renderer/index.html', 'app://other/index.html', 'app://scaling-lab@evil/index.html', 'https://scaling-lab/index.html', 'not a url'])
      expect(resolveAppPath(ROOT, url), url).toBeNull()
  })

  it('on Windows paths: drives, UNC shares and streams are refused too', () => {
    expect(resolveAppPath(WIN_ROOT, `${APP_ORIGIN}/assets/x.js`, path.win32)).toBe(`${WIN_ROOT}\\assets\\x.js`)
    for (const tail of ['/C:/Windows/win.ini', '/C:%5CWindows%5Cwin.ini', '/%5C%5Cserver%5Cshare%5Cx', '/..%5C..%5C..%5Capp.asar', '/index.html:stream', '/..%2f..%2fmain/index.js'])
      expect(resolveAppPath(WIN_ROOT, `${APP_ORIGIN}${tail}`, path.win32), tail).toBeNull()
  })
})

describe('contentTypeOf', () => {
  it('names the renderer’s file types and serves anything else as bytes', () => {
    expect(contentTypeOf('/r/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeOf('/r/assets/a.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeOf('/r/assets/a.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeOf('/r/assets/k.wasm')).toBe('application/wasm')
    expect(contentTypeOf('/r/assets/x.bin')).toBe('application/octet-stream')
  })
})

describe('answerAppRequest', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scaling-lab-app-protocol-'))
  const root = path.join(dir, 'renderer')
  mkdirSync(path.join(root, 'assets'), { recursive: true })
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/index.js"></script>')
  writeFileSync(path.join(root, 'assets', 'index.js'), 'export {}')
  writeFileSync(path.join(dir, 'secret.txt'), 'outside')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('serves the index with the app’s CSP and an asset with its type', async () => {
    const index = await answerAppRequest(root, CONTENT_SECURITY_POLICY, { method: 'GET', url: APP_INDEX_URL })
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(index.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await index.text()).toContain('./assets/index.js')
    const asset = await answerAppRequest(root, CONTENT_SECURITY_POLICY, { method: 'GET', url: new URL('./assets/index.js', APP_INDEX_URL).href })
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await asset.text()).toBe('export {}')
  })

  it('answers 404 for a way out or a missing file, and 405 for anything but GET and HEAD', async () => {
    const secret = `${APP_ORIGIN}/..%2fsecret.txt`
    expect((await answerAppRequest(root, CONTENT_SECURITY_POLICY, { method: 'GET', url: secret })).status).toBe(404)
    expect((await answerAppRequest(root, CONTENT_SECURITY_POLICY, { method: 'GET', url: `${APP_ORIGIN}/no-such-file.js` })).status).toBe(404)
    expect((await answerAppRequest(root, CONTENT_SECURITY_POLICY, { method: 'POST', url: APP_INDEX_URL })).status).toBe(405)
  })

  // the same build loads from app://scaling-lab/ and from the web host only while its asset paths are relative
  const built = path.resolve(__dirname, '..', '..', '..', 'out', 'renderer', 'index.html')
  it.skipIf(!existsSync(built))('the built renderer (out/renderer) refers to its assets by relative paths', () => {
    const html = readFileSync(built, 'utf8')
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((r) => !r.startsWith('data:'))
    expect(refs.length).toBeGreaterThan(0)
    for (const r of refs) expect(r.startsWith('./'), r).toBe(true)
  })
})
