/**
 * The app:// scheme the desktop window loads the renderer from (instead of file://, which would give the page
 * file-system-wide 'self' and the file protocol's extra privileges): which file of out/renderer a request names
 * (anything outside it, or not for our host, is refused), what it is served as, and the answer itself. No
 * Electron import, so it is tested in plain Node; app-protocol-handler.ts registers it with Electron.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { contentTypeOf } from '../shared/content-types'

export const APP_SCHEME = 'app'
export const APP_HOST = 'scaling-lab'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/**
 * The file under `root` that an app:// request names, or null: another scheme or host, a path that is not
 * valid percent-encoding, holds a NUL, a backslash or a colon (a Windows drive or stream), or leaves `root` (.., %2e%2e, an encoded slash).
 * '/' is the index page. `paths` is node:path (path.win32 in tests, to check Windows drive and UNC tricks).
 */
export function resolveAppPath(root: string, requestUrl: string, paths: path.PlatformPath = path): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (/[\0\\:]/.test(pathname)) return null
  if (pathname === '' || pathname === '/') pathname = '/index.html'
  const base = paths.resolve(root)
  const file = paths.resolve(base, '.' + pathname)
  const rel = paths.relative(base, file)
  if (rel === '' || rel === '..' || rel.startsWith('..' + paths.sep) || paths.isAbsolute(rel)) return null
  return file
}

/** The answer to one app:// request: the file with its type and the app's CSP, or 404 / 405 as plain text. */
export async function answerAppRequest(root: string, contentSecurityPolicy: string, request: { method: string; url: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed')
  const file = resolveAppPath(root, request.url)
  if (file === null) return refusal(404, 'Not found')
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return refusal(404, 'Not found')
  }
  const headers = { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff' }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } })
}
