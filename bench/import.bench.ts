/**
 * Import benchmark: a generated long step log (default 5,000,000 rows) through importFile into a fresh
 * catalog file, against the reference `sqlite3 CATALOG ".import --csv FILE raw"` on the same file in the same
 * run (when the sqlite3 command exists). Target: our time <= 2 x sqlite3's. Prints rows/s, peak memory and
 * the resident memory at each quarter of the file, which should stay flat as the file grows.
 *
 *   node --import tsx bench/import.bench.ts [--rows 5000000] [--worker]
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateLongLog } from '../scripts/generate-long-log'
import { Catalog } from '../src/core/catalog'
import { importFile, importFileInWorker } from '../src/core/ingest'
import { childrenCpuSeconds } from './processes'

const argv = process.argv.slice(2)
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`)
  return i === -1 ? undefined : argv[i + 1]
}
const rows = Number(arg('rows') ?? 5_000_000)
const inWorker = argv.includes('--worker')
const dir = join(tmpdir(), 'scaling-lab-bench')
mkdirSync(dir, { recursive: true })
const csv = join(dir, `long-${rows}.csv`)
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`
const removeDb = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
}

const cpuSeconds = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6

if (!existsSync(csv)) {
  const t = performance.now()
  generateLongLog(csv, { rows, runs: 20, seed: 1 })
  console.log(`generated ${csv} in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}
const size = statSync(csv).size
console.log(`input: ${rows.toLocaleString('en')} rows, ${mb(size)} (long shape: run,step,metric,value)`)

// ours
const ours = join(dir, 'ours.sqlite')
removeDb(ours)
const catalog = new Catalog(ours)
const rss: string[] = []
let nextQuarter = 0.25
const onProgress = (fraction: number): void => {
  if (fraction >= nextQuarter) {
    rss.push(`${Math.round(fraction * 100)}%: ${mb(process.memoryUsage().rss)}`)
    nextQuarter += 0.25
  }
}
const cpu0 = process.cpuUsage()
const t0 = performance.now()
const summary = inWorker ? await importFileInWorker(ours, csv, { project: 'bench' }, { onProgress }) : await importFile(catalog, csv, { project: 'bench' }, { onProgress })
const oursSeconds = (performance.now() - t0) / 1000
const oursCpu = cpuSeconds(process.cpuUsage(cpu0))
const counts = catalog.counts()
catalog.close()
if (counts.points !== rows) console.log(`WARNING: ${counts.points} points stored, expected ${rows}`)
console.log(
  `scaling-lab import${inWorker ? ' (worker thread)' : ''}: ${oursSeconds.toFixed(2)} s (${oursCpu.toFixed(2)} s CPU), ${Math.round(rows / oursSeconds).toLocaleString('en')} rows/s, ${summary.runs} runs, ${summary.points.toLocaleString('en')} points`,
)
console.log(`peak RSS (this process${inWorker ? ', worker included' : ''}): ${mb(process.resourceUsage().maxRSS * 1024)}; RSS during import: ${rss.join(', ')}`)
removeDb(ours)

// reference
const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' })
if (probe.status !== 0) {
  console.log('reference: the sqlite3 command is not installed; target is <= 2 x its ".import" time (install sqlite3 to compare)')
} else {
  const ref = join(dir, 'reference.sqlite')
  removeDb(ref)
  const c1 = childrenCpuSeconds()
  const t1 = performance.now()
  const run = spawnSync('sqlite3', [ref, `.import --csv ${csv} raw`], { encoding: 'utf8' })
  const refSeconds = (performance.now() - t1) / 1000
  const c2 = childrenCpuSeconds()
  const refCpu = c1 !== undefined && c2 !== undefined ? c2 - c1 : undefined
  removeDb(ref)
  if (run.status !== 0) console.log(`reference: sqlite3 .import failed: ${run.stderr}`)
  else {
    const ratio = oursSeconds / refSeconds
    console.log(
      `reference: sqlite3 ${probe.stdout.split(' ')[0]} .import --csv: ${refSeconds.toFixed(2)} s${refCpu !== undefined ? ` (${refCpu.toFixed(2)} s CPU)` : ''}, ${Math.round(rows / refSeconds).toLocaleString('en')} rows/s`,
    )
    console.log(`ratio (ours / sqlite3), wall time: ${ratio.toFixed(2)} (target <= 2.00) ${ratio <= 2 ? 'OK' : 'OVER TARGET'}`)
    if (refCpu) console.log(`ratio (ours / sqlite3), CPU time: ${(oursCpu / refCpu).toFixed(2)} (less sensitive to other load on the machine)`)
  }
}
