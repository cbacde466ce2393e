#!/usr/bin/env node
// `npm run serve`: the same app in a browser. Builds the renderer when it is missing, makes sure
// better-sqlite3 is built for Node, and runs `scaling-lab serve` with the arguments given after `--`.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './native-abi.mjs'

const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run([join(root, 'scripts', 'ensure-native.mjs'), 'node'])
if (!existsSync(join(root, 'out', 'renderer', 'index.html')) || !existsSync(join(root, 'out', 'main', 'cli.js'))) {
  run([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])
}
const child = spawn(process.execPath, [join(root, 'bin', 'scaling-lab.js'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
