#!/usr/bin/env node
// The house rule of DESIGN.md that a script can check: imports point one way.
//   renderer -> shared;  main, server, cli, workers -> core -> shared;  shared imports nothing of ours.
//   The CLI goes through the lab facade (src/core/lab.ts: createLab(...).invoke), like the other doors: of core it may
//   import only the facade and the few helpers listed in CLI_MAY_IMPORT, each with its reason; of server only the
//   web host, which its `serve` command starts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

// the repository (or, for the script's own tests, the folder named as the first argument)
const root = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')
const allowed = {
  shared: ['shared'],
  core: ['core', 'shared'],
  workers: ['workers', 'core', 'shared'],
  main: ['main', 'core', 'shared'],
  preload: ['preload', 'shared'],
  server: ['server', 'core', 'shared'],
  cli: ['cli', 'core', 'shared', 'server'],
  renderer: ['renderer', 'shared'],
}
/** What src/cli may import from core and server (paths under src/), and why: helpers, not logic. */
const CLI_MAY_IMPORT = {
  'core/lab.ts': 'the facade: every command opens a headless lab and calls invoke',
  'core/lab/default-catalog-path.ts': 'where the catalog is when --catalog and SCALING_LAB_CATALOG are not given',
  'core/jobs/run-in-worker.ts': 'setWorkerDirectory: the built CLI says where its bundled workers are',
  'core/lab/app-version.ts': 'scaling-lab --version',
  'core/lab/resources-dir.ts': 'serve: where the app resources are, for the web host',
  'server/web-host.ts': 'serve: starts the web host',
  'server/shutdown.ts': 'serve and watch: close the lab on every way out (signals, uncaught errors, exit)',
  'core/lab/upload-store.ts': "serve: its usage states the upload quota and expiry from the store's defaults",
}
/** the file an import names, under src/ (a .ts file, or a folder's index.ts) */
function target(fromFile, spec) {
  const abs = resolve(dirname(fromFile), spec)
  const file = [abs, `${abs}.ts`, join(abs, 'index.ts')].find((f) => existsSync(f) && statSync(f).isFile())
  return relative(src, file ?? abs).split(/[\\/]/).join('/')
}

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]))
const problems = []
for (const file of walk(src).filter((f) => /\.(ts|vue|mjs|js)$/.test(f))) {
  const layer = relative(src, file).split(/[\\/]/)[0]
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2]
    if (spec === 'electron' && !['main', 'preload'].includes(layer)) problems.push(`${relative(root, file)} imports electron`)
    if (!spec.startsWith('.')) continue
    const path = target(file, spec)
    const top = path.split('/')[0]
    if (!(allowed[layer] ?? []).includes(top)) problems.push(`${relative(root, file)} (${layer}) imports ${spec} (${top})`)
    else if (layer === 'cli' && (top === 'core' || top === 'server') && !(path in CLI_MAY_IMPORT)) {
      problems.push(`${relative(root, file)} (cli) imports ${spec}: the CLI goes through the lab (src/core/lab.ts) and may import only ${Object.keys(CLI_MAY_IMPORT).join(', ')}`)
    }
  }
}
if (problems.length) {
  console.error('Layer boundaries broken:\n' + problems.map((p) => '  ' + p).join('\n'))
  process.exit(1)
}
console.log('layer boundaries ok')
