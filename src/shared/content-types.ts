/** The Content-Type of each file the built renderer holds, one table for both doors that serve it (app:// and the web host). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

/** The Content-Type a renderer file is served with, by its extension (unknown types as bytes, never sniffed). */
export function contentTypeOf(file: string): string {
  const dot = file.lastIndexOf('.')
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'))
  const ext = dot > slash ? file.slice(dot).toLowerCase() : ''
  return TYPES[ext] ?? 'application/octet-stream'
}
