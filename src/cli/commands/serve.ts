/** scaling-lab serve : the app in a browser, over HTTP on 127.0.0.1 with a per-session token. */
import { dirname, join } from 'node:path'
import { createLab } from '../../core/lab'
import { findResourcesDir } from '../../core/lab/resources-dir'
import { startWebHost } from '../../server/web-host'
import { numberOption, option } from '../args'
import { catalogPathFrom } from '../catalog-option'
import type { CliCommand } from '../command'

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the app to a browser on this machine (127.0.0.1 only, with a session token)',
  usage: `scaling-lab serve [--catalog PATH] [--port N] [--renderer DIR]
  Prints the URL to open, token included. Stop with Ctrl+C.`,
  args: { values: ['catalog', 'port', 'renderer'], switches: [] },
  async run(args, io) {
    const port = numberOption(args, 'port', (n) => Number.isInteger(n) && n >= 0 && n < 65536) ?? 0
    const resourcesDir = findResourcesDir()
    const rendererDir = option(args, 'renderer') ?? join(dirname(resourcesDir), 'out', 'renderer')
    const lab = await createLab({ catalogPath: catalogPathFrom(args), host: 'web', resourcesDir })
    const host = await startWebHost({ lab, rendererDir, port })
    io.stdout(`Scaling Lab is serving at ${host.url}\n`)
    io.stdout(`catalog: ${lab.context.catalogPath}\n`)
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await host.close()
    lab.close()
    return 0
  },
}
