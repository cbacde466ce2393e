/** Entry point of the scaling-lab command (built to out/main/cli.js; run from source with tsx in tests). */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { setWorkerDirectory } from '../core/jobs/run-in-worker'
import { runCli } from './main'

const here = dirname(fileURLToPath(import.meta.url))
if (existsSync(join(here, 'workers'))) setWorkerDirectory(join(here, 'workers'))

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
})
process.exitCode = code
