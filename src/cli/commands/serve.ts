/**
 * scaling-lab serve : the app in a browser, over HTTP on 127.0.0.1 with a per-session token. However it ends
 * (Ctrl+C, SIGTERM, an error nobody caught, a failed start), the lab is closed: jobs cancelled, the uploads
 * folder deleted, the catalog closed.
 */
import { dirname, join } from 'node:path'
import { createLab } from '../../core/lab'
import { findResourcesDir } from '../../core/lab/resources-dir'
import { untilShutdown } from '../../server/shutdown'
import { bytesText, DEFAULT_UPLOAD_EXPIRY_MS, DEFAULT_UPLOAD_QUOTA_BYTES } from '../../core/lab/upload-store'
import { DEFAULT_MAX_UPLOAD_BYTES, startWebHost, type WebHost } from '../../server/web-host'
import { numberOption, option } from '../args'
import { catalogPathFrom } from '../catalog-option'
import type { CliCommand } from '../command'

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the app to a browser on this machine (127.0.0.1 only, with a session token)',
  usage: `scaling-lab serve [--catalog PATH] [--port N] [--renderer DIR]
  Prints the URL to open, token included. Stop with Ctrl+C.
  Files uploaded from the page are kept in a private temporary folder: at most ${bytesText(DEFAULT_UPLOAD_QUOTA_BYTES)} per session
  (${bytesText(DEFAULT_MAX_UPLOAD_BYTES)} per file), each deleted after ${DEFAULT_UPLOAD_EXPIRY_MS / 60_000} minutes unused, all deleted when the host stops.`,
  args: { values: ['catalog', 'port', 'renderer'], switches: [] },
  async run(args, io) {
    const port = numberOption(args, 'port', (n) => Number.isInteger(n) && n >= 0 && n < 65536) ?? 0
    const resourcesDir = findResourcesDir()
    const rendererDir = option(args, 'renderer') ?? join(dirname(resourcesDir), 'out', 'renderer')
    const lab = await createLab({ catalogPath: catalogPathFrom(args), host: 'web', resourcesDir })
    let host: WebHost
    try {
      host = await startWebHost({ lab, rendererDir, port, onError: (e) => io.stderr(`scaling-lab serve: ${e.message}\n`) })
    } catch (e) {
      lab.close()
      throw e
    }
    // Ctrl-C is handled before the address is printed: whoever reads the address may interrupt at once
    const stopped = untilShutdown(process, { stop: () => host.close(), closeNow: () => lab.close(), report: io.stderr })
    io.stdout(`Scaling Lab is serving at ${host.url}\n`)
    io.stdout(`catalog: ${lab.context.catalogPath}\n`)
    return stopped
  },
}
