#!/usr/bin/env node
// Build the exact-search kernel (native/knn-kernel, a Node-API addon in C++) when its binary is missing or older
// than its sources. Node-API is ABI-stable, so the one binary serves Node (tests, CLI, web host) and Electron: no
// per-runtime rebuild as for better-sqlite3. node-gyp is npm's own copy; the headers are the running Node's
// (npm_config_nodedir when npm sets it, else the ones installed beside this node), so nothing is downloaded when
// they are present.
// A failed build is a warning, not an error: it exits 0 (so `npm test`, `dev` and `package` go on) and the app
// uses the slower WebAssembly exact search (src/core/knnlm/exact-search-tf.ts); kNN-LM results say which search
// ran (their `search` field). `--strict` exits 1 instead (for a CI that must test the native kernel); `--force`
// rebuilds an up-to-date binary.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { root } from './native-abi.mjs'

const strict = process.argv.includes('--strict')
const dir = join(root, 'native', 'knn-kernel')
const binary = join(dir, 'build', 'Release', 'knn_kernel.node')

function notBuilt(why) {
  const lines = [
    `${strict ? 'error' : 'warning'}: the exact kNN search kernel (native/knn-kernel) was not built: ${why}`,
    '  It needs python3, make and a C++ compiler (on Windows: Visual Studio Build Tools with "Desktop development with C++").',
    '  The app works without it: the kNN-LM exact search uses WebAssembly (slower), and results say "exact, WebAssembly".',
    '  Build it later with: node scripts/build-knn-kernel.mjs',
  ]
  console.error(lines.join('\n'))
  process.exit(strict ? 1 : 0)
}

function upToDate() {
  if (!existsSync(binary) || process.argv.includes('--force')) return false
  const sources = [join(dir, 'binding.gyp'), ...readdirSync(join(dir, 'src')).map((f) => join(dir, 'src', f))]
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs))
  return statSync(binary).mtimeMs >= newest
}

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]
  return candidates.find((c) => c && existsSync(c))
}

if (!existsSync(join(dir, 'binding.gyp'))) notBuilt(`${join(dir, 'binding.gyp')} is missing`)
if (upToDate()) process.exit(0)
const gyp = nodeGyp()
if (!gyp) notBuilt('node-gyp (shipped with npm) was not found; reinstall npm, or set npm_config_node_gyp')
const args = [gyp, 'rebuild', '--loglevel=warn']
const localHeaders = join(dirname(process.execPath), '..')
if (!process.env.npm_config_nodedir && existsSync(join(localHeaders, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${localHeaders}`)
console.log('building the exact kNN search kernel (native/knn-kernel)…')
const r = spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] })
if (r.error) notBuilt(`node-gyp could not run: ${r.error.message}`)
if (r.status !== 0) notBuilt(`node-gyp exited with status ${r.status} (its messages are above)`)
if (!existsSync(binary)) notBuilt(`node-gyp finished but ${binary} is missing`)
console.log(`built ${binary}`)
