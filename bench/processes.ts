/**
 * What the process benchmarks share: the built CLI (out/main/cli.js, built here when missing or older than its
 * sources), timing a child process by wall clock and by CPU, and the median.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const BUILT_CLI = join(root, 'out', 'main', 'cli.js')

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** CPU seconds of waited-for children, from /proc (Linux); undefined elsewhere. */
export function childrenCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
    // after "pid (comm) ": state is field 3, cutime field 16, cstime field 17 (proc(5)); clock ticks of 1/100 s
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return undefined
  }
}

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** The built CLI; `npx electron-vite build` first when out/main/cli.js is missing or older than src/. Exits 1 if the build fails. */
export function ensureBuiltCli(): string {
  const sources = ['cli', 'core', 'shared', 'workers'].map((d) => newestSource(join(root, 'src', d)))
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= Math.max(...sources)) return BUILT_CLI
  console.log(`  ${existsSync(BUILT_CLI) ? 'out/main/cli.js is older than src/' : 'out/main/cli.js is missing'}: building (npx electron-vite build) ...`)
  const r = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0 || !existsSync(BUILT_CLI)) {
    console.log('  the build failed: run `npx electron-vite build` and look at its errors')
    process.exit(1)
  }
  return BUILT_CLI
}

export interface ProcessTime {
  /** wall-clock seconds from spawn to exit */
  wall: number
  /** CPU seconds of the child (all its threads), when /proc tells */
  cpu?: number
  stdout: string
}

/** Run `node ARGS` to its end; a non-zero exit stops the benchmark with the child's stderr. */
export function timeNode(args: readonly string[], env: Record<string, string> = {}): ProcessTime {
  const c0 = childrenCpuSeconds()
  const t0 = performance.now()
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 })
  const wall = (performance.now() - t0) / 1000
  const c1 = childrenCpuSeconds()
  if (r.status !== 0) {
    console.log(`  node ${args.join(' ')} exited with ${r.status}:\n${r.stderr}`)
    process.exit(1)
  }
  return { wall, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0, stdout: r.stdout }
}
