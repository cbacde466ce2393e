/**
 * Which modules a Node process loads: runs `node --import tsx --import loaded-modules-hook.mjs ARGS` and reads back
 * every module it loaded (ESM through a module hook, CommonJS from require.cache), as npm package names and as
 * files under src/. For the tests of lazy loading (a catalog call must not load TensorFlow.js or ECharts).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = join(here, '..', '..')

export interface LoadedModules {
  status: number | null
  stdout: string
  stderr: string
  /** npm packages (`@tensorflow/tfjs`, `echarts`) */
  packages: Set<string>
  /** our files, relative to the repository with forward slashes (`src/core/lab/fit-handlers.ts`) */
  sources: Set<string>
}

/** The package a file belongs to: the innermost node_modules folder's next one (two for a scope). */
function packageOf(path: string): string | undefined {
  const at = path.lastIndexOf('node_modules')
  if (at === -1) return undefined
  const [first, second] = path.slice(at + 'node_modules'.length + 1).split(/[\\/]/)
  return first.startsWith('@') ? `${first}/${second}` : first
}

export function loadedModules(args: readonly string[], env: Record<string, string> = {}): LoadedModules {
  const dir = mkdtempSync(join(tmpdir(), 'loaded-modules-'))
  const log = join(dir, 'modules.log')
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(here, 'loaded-modules-hook.mjs'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, ...env, LOADED_MODULES_LOG: log },
      timeout: 120_000,
    })
    let lines: string[] = []
    try {
      lines = readFileSync(log, 'utf8').split('\n').filter(Boolean)
    } catch {
      lines = []
    }
    const paths = lines.map((l) => (l.startsWith('file:') ? fileURLToPath(l.replace(/\?.*$/, '')) : l))
    const packages = new Set(paths.map(packageOf).filter((p): p is string => p !== undefined))
    const sources = new Set(
      paths
        .filter((p) => !p.includes('node_modules'))
        .map((p) => relative(repoRoot, p).split(sep).join('/'))
        .filter((p) => p.startsWith('src/')),
    )
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, packages, sources }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
