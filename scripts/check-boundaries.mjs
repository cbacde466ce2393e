#!/usr/bin/env node
// The house rule of DESIGN.md that a script can check: imports point one way.
//   renderer -> shared;  main, server, cli, workers -> core -> shared;  shared imports nothing of ours.
//   One exception: the CLI's `serve` command starts the web host, so cli may import server.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
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
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]))
const problems = []
for (const file of walk(src).filter((f) => /\.(ts|vue|mjs|js)$/.test(f))) {
  const layer = relative(src, file).split(/[\\/]/)[0]
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2]
    if (spec === 'electron' && !['main', 'preload'].includes(layer)) problems.push(`${relative(root, file)} imports electron`)
    if (!spec.startsWith('.')) continue
    const target = relative(src, resolve(dirname(file), spec)).split(/[\\/]/)[0]
    if (!(allowed[layer] ?? []).includes(target)) problems.push(`${relative(root, file)} (${layer}) imports ${spec} (${target})`)
  }
}
if (problems.length) {
  console.error('Layer boundaries broken:\n' + problems.map((p) => '  ' + p).join('\n'))
  process.exit(1)
}
console.log('layer boundaries ok')
