#!/usr/bin/env node
// Make sure better-sqlite3 is built for the runtime about to use it: `node` (tests, CLI, web host) or
// `electron` (the desktop app). Checks the binary's ABI and rebuilds only when it is wrong; after an
// Electron rebuild it checks again, because a node-gyp set up for the system Node headers "succeeds"
// while leaving a Node binary behind.
import { spawnSync } from 'node:child_process'
import { binaryAbi, electronAbi, electronVersion, root } from './native-abi.mjs'

const target = process.argv[2] ?? 'node'
const want = target === 'electron' ? electronAbi() : Number(process.versions.modules)
const have = binaryAbi()
if (have === want) process.exit(0)

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
  return r.status === 0
}

console.log(`better-sqlite3 is built for ABI ${have ?? 'none'}; ${target} needs ABI ${want}: rebuilding (this takes a minute or two)…`)
let ok
if (target === 'electron') {
  ok = run('npx', ['--no-install', 'electron-builder', 'install-app-deps'], {})
} else {
  ok = run('npm', ['rebuild', 'better-sqlite3'])
}
const after = binaryAbi()
if (!ok || after !== want) {
  console.error(
    `better-sqlite3 could not be built for ${target} ${target === 'electron' ? electronVersion() : process.version} (ABI ${want}; the binary now has ABI ${after ?? 'none'}).\n` +
      (target === 'electron'
        ? 'Building for Electron needs its headers from the network (electronjs.org). Check the connection, or unset npm_config_nodedir / npm_config_node_gyp settings that point node-gyp at the system Node.'
        : 'Check that python3, make and a C++ compiler are installed, then run `npm rebuild better-sqlite3`.'),
  )
  process.exit(1)
}
console.log(`better-sqlite3 is now built for ${target} (ABI ${after}).`)
