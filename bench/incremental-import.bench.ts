/**
 * Incremental import benchmark (issue 14): a generated 1,000,000-row long step log imported once into a fresh catalog
 * file, then 1,000 rows appended and imported incrementally (ingest/import-growth.ts: the prefix hashed and checked,
 * only the new rows read, one transaction). Target: the incremental import of 1,000 appended rows in under 1 s; the
 * whole file re-imported into a fresh catalog is printed for comparison (what a watcher without resume points would do).
 *
 *   node --import tsx bench/incremental-import.bench.ts [--rows 1000000] [--append 1000]
 */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateLongLog } from '../scripts/generate-long-log'
import { Catalog } from '../src/core/catalog'
import { importFile } from '../src/core/ingest'
import { importGrowth } from '../src/core/ingest/import-growth'

const argv = process.argv.slice(2)
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`)
  return i === -1 ? undefined : argv[i + 1]
}
const rows = Number(arg('rows') ?? 1_000_000)
const appended = Number(arg('append') ?? 1_000)
const TARGET_SECONDS = 1
const dir = join(tmpdir(), 'scaling-lab-bench')
mkdirSync(dir, { recursive: true })
const source = join(dir, `long-${rows}.csv`)
if (!existsSync(source)) generateLongLog(source, { rows, runs: 20, seed: 1 })
// the log that grows: a copy, so the generated file stays as it is for the other benchmarks
const csv = join(dir, `growing-${rows}.csv`)
copyFileSync(source, csv)
const removeDb = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
}
const seconds = (t: number): number => (performance.now() - t) / 1000

const dbPath = join(dir, 'incremental.sqlite')
removeDb(dbPath)
const catalog = new Catalog(dbPath)
let t = performance.now()
const first = await importGrowth(catalog, csv, { project: 'bench' })
console.log(`first import: ${rows.toLocaleString('en')} rows (${(statSync(csv).size / 1048576).toFixed(0)} MB), ${first.points.toLocaleString('en')} points in ${seconds(t).toFixed(2)} s`)

// continue the last run of the log: its last step, then every 10 steps
const text = readFileSync(csv, 'utf8')
const last = text.slice(text.lastIndexOf('\n', text.length - 2) + 1).trim().split(',')
const [run, lastStep] = [last[0], Number(last[1])]
let lines = ''
for (let k = 1; k <= appended; k++) lines += `${run},${lastStep + 10 * k},loss,${(2 + 1 / Math.sqrt(lastStep + 10 * k)).toFixed(6)}\n`
appendFileSync(csv, lines)

t = performance.now()
const growth = await importGrowth(catalog, csv, { project: 'bench' })
const incremental = seconds(t)
catalog.close()
if (growth.change !== 'appended' || growth.points !== appended) console.log(`WARNING: expected ${appended} appended points, got ${growth.change} with ${growth.points}`)
console.log(`incremental import of ${appended.toLocaleString('en')} appended rows: ${incremental.toFixed(3)} s (${growth.change}, ${growth.points} points)`)
console.log(`target: < ${TARGET_SECONDS} s for 1,000 appended rows to a 1,000,000-row log (issue 14); ratio to target: ${(incremental / TARGET_SECONDS).toFixed(3)} ${incremental < TARGET_SECONDS ? '(met)' : '(NOT met)'}`)

// comparison: the whole grown file imported again into a fresh catalog
const fullPath = join(dir, 'full-reimport.sqlite')
removeDb(fullPath)
const fresh = new Catalog(fullPath)
t = performance.now()
const full = await importFile(fresh, csv, { project: 'bench' })
const fullSeconds = seconds(t)
fresh.close()
console.log(`full re-import of the grown file (${full.points.toLocaleString('en')} points): ${fullSeconds.toFixed(2)} s; incremental is ${(fullSeconds / incremental).toFixed(0)} x faster`)
removeDb(dbPath)
removeDb(fullPath)
rmSync(csv, { force: true })
