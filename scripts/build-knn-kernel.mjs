#!/usr/bin/env node
// Build the exact-search kernel (native/knn-kernel, a Node-API addon in C++) when its binary is missing or older
// than its sources. Node-API is ABI-stable, so the one binary serves Node (tests, CLI, web host) and Electron: no
// per-runtime rebuild as for better-sqlite3. node-gyp is npm's own copy; the headers are the running Node's
// (npm_config_nodedir when npm sets it, else the ones installed beside this node), so nothing is downloaded when
// they are present. Exit 1 with a message when the build fails; the app still works then, with the slower
// WebAssembly exact search (src/core/knnlm/exact-search-tf.ts).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { root } from './native-abi.mjs'

const dir = join(root, 'native', 'knn-kernel')
const binary = join(dir, 'build', 'Release', 'knn_kernel.node')
const sources = [join(dir, 'binding.gyp'), ...readdirSync(join(dir, 'src')).map((f) => join(dir, 'src', f))]
const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs))
if (existsSync(binary) && statSync(binary).mtimeMs >= newest && !process.argv.includes('--force')) process.exit(0)

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]
  return candidates.find((c) => c && existsSync(c))
}

const gyp = nodeGyp()
if (!gyp) {
  console.error('Cannot find node-gyp (npm ships it). The exact kNN search will use its WebAssembly path. Reinstall npm, or set npm_config_node_gyp.')
  process.exit(1)
}
const args = [gyp, 'rebuild', '--loglevel=warn']
const localHeaders = join(dirname(process.execPath), '..')
if (!process.env.npm_config_nodedir && existsSync(join(localHeaders, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${localHeaders}`)
console.log('building the exact kNN search kernel (native/knn-kernel)…')
const r = spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] })
if (r.status !== 0 || !existsSync(binary)) {
  console.error('The exact kNN search kernel did not build (see above). It needs python3, make and a C++ compiler. The app still works, with the slower WebAssembly exact search.')
  process.exit(1)
}
console.log(`built ${binary}`)
