/**
 * Serve the built renderer: files under one folder only, index.html for app routes, strict headers.
 * A path that does not decode answers 400, a file that cannot be read ends that response only.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'
import { contentTypeOf } from '../shared/content-types'


export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

export function serveStatic(rendererDir: string, pathname: string, res: ServerResponse): void {
  const root = resolve(rendererDir)
  let rel: string
  try {
    rel = decodeURIComponent(pathname)
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('malformed percent-escape in the path')
    return
  }
  if (rel.endsWith('/')) rel += 'index.html'
  let file = normalize(join(root, rel))
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end('forbidden')
    return
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    // app routes (/catalog, /runs/3) are the single-page app's; missing assets are 404
    if (extname(rel) !== '') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      return
    }
    file = join(root, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('The renderer is not built: run `npm run build` first.')
      return
    }
  }
  const type = contentTypeOf(file)
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600' })
  pipeline(createReadStream(file), res, () => undefined) // a read error ends this response, never the host
}
