#!/usr/bin/env node
// `npm test`: better-sqlite3 built for Node, the exact kNN search kernel built, the app built (the e2e tests drive the built renderer and the
// integration tests that start the CLI as a process start the built one; the others call it in-process), then every vitest test. Ends with the plain summary line
// "N passed, N failed, N skipped". Arguments after `--` go to vitest (e.g. a folder).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from './native-abi.mjs'

const step = (args, env = {}) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status
if (step([join(root, 'scripts', 'ensure-native.mjs'), 'node']) !== 0) process.exit(1)
if (step([join(root, 'scripts', 'build-knn-kernel.mjs')]) !== 0) process.exit(1)
if (step([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']) !== 0) process.exit(1)

const report = join(mkdtempSync(join(tmpdir(), 'lab-test-')), 'vitest.json')
const status = step(
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { SCALING_LAB_CLI_BUILT: '1' },
)
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'))
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`)
}
process.exit(status ?? 1)
