#!/usr/bin/env node
// `npm start`: the desktop app. Fetches Electron's binary on first start when it is missing (npm ci skips
// it), makes sure better-sqlite3 is built for Electron, builds the app, and starts it.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './native-abi.mjs'

const electronDir = join(root, 'node_modules', 'electron')
const pathFile = join(electronDir, 'path.txt')
const binaryPresent = () => existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))

const step = (label, cmd, args, env = {}) => {
  console.log(`› ${label}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
  if (r.status !== 0) {
    console.error(`✗ ${label} failed`)
    process.exit(r.status ?? 1)
  }
}

if (!binaryPresent()) {
  step('downloading the Electron binary (first start only)', process.execPath, [join(electronDir, 'install.js')], { ELECTRON_SKIP_BINARY_DOWNLOAD: '' })
  if (!binaryPresent()) {
    console.error('The Electron binary is still missing after the download. Check the network connection and run `npm start` again.')
    process.exit(1)
  }
}
step('building better-sqlite3 for Electron when needed', process.execPath, [join(root, 'scripts', 'ensure-native.mjs'), 'electron'])
// the exact kNN search kernel is Node-API (the same binary serves Electron); without it the app falls back to wasm
console.log('› building the exact kNN search kernel when needed')
spawnSync(process.execPath, [join(root, 'scripts', 'build-knn-kernel.mjs')], { cwd: root, stdio: 'inherit' })
step('building the app', process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])
const electronBinary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
const child = spawn(electronBinary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
