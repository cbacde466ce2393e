// Which runtime a native addon was built for: NAN addons such as better-sqlite3 export the symbol
// node_register_module_v<ABI>; Node 20 is ABI 115, each Electron major has its own (node-abi knows them).
import { readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

export function sqliteBinaryPath() {
  return join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
}

/** The ABI number a built addon declares, or null when there is no binary or no marker. */
export function binaryAbi(file = sqliteBinaryPath()) {
  if (!existsSync(file)) return null
  const text = readFileSync(file).toString('latin1')
  const m = /node_register_module_v(\d+)/.exec(text)
  return m ? Number(m[1]) : null
}

export function electronVersion() {
  return require('electron/package.json').version
}

export function electronAbi() {
  const { getAbi } = require('node-abi')
  return Number(getAbi(electronVersion(), 'electron'))
}
