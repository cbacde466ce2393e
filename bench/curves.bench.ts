/**
 * Curves benchmark (issue 14: "100 runs x 100,000 points on one chart, the first frame in under 1 s after the data
 * arrive"): the "data arrive" part. A temporary catalog of 100 runs x 100,000 loss points (10 million points, bulk
 * inserted with a recursive CTE) and curveSeries for all 100 runs at 1,600 pixel columns, then for a zoomed window
 * (steps 40,000 to 41,000: full detail returns), read and min-max sampled in the long-lived curves-read workers
 * (the warm-up call starts them, as the first chart of a session does). Target: <= 1 s
 * for the whole chart; the ratio printed is our time / 1 s. For scale, the same points read on one thread by the
 * catalog's getSeries (the run page's path, which materialises every point) is printed beside it.
 * Workers run from out/main/workers when built (`npx electron-vite build`), else from the sources through tsx
 * (slower to start; said).
 *
 *   node --import tsx bench/curves.bench.ts [--runs 100] [--points 100000] [--pixels 1600]
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Catalog } from '../src/core/catalog'
import { setWorkerDirectory } from '../src/core/jobs/run-in-worker'
import { curveSeries } from '../src/core/curves/curve-series'
import { closeCurvePool } from '../src/core/curves/curve-pool'

const argv = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`)
  return i === -1 ? fallback : Number(argv[i + 1])
}
const runs = arg('runs', 100)
const points = arg('points', 100_000)
const pixels = arg('pixels', 1600)
const TARGET_SECONDS = 1

const built = join(import.meta.dirname, '..', 'out', 'main', 'workers')
if (existsSync(join(built, 'curves-read.js'))) setWorkerDirectory(built)
else console.log('workers: from the TypeScript sources through tsx (build with `npx electron-vite build` for the shipped start-up time)')

const dir = join(tmpdir(), 'scaling-lab-bench')
mkdirSync(dir, { recursive: true })
const path = join(dir, `curves-${runs}x${points}.sqlite`)
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })

const catalog = new Catalog(path)
const t0 = performance.now()
const runIds: number[] = []
catalog.transaction(() => {
  const project = catalog.ensureProject('bench').id
  const run = catalog.db.prepare('INSERT INTO runs (project_id, name, config) VALUES (?, ?, ?) RETURNING id').pluck(true)
  const series = catalog.db.prepare(`INSERT INTO series (run_id, metric, x_kind) VALUES (?, 'loss', 'step') RETURNING id`).pluck(true)
  // loss = 2 + 3 (step + 1)^-0.3 + per-run offset + noise, as a step log would hold it
  const fill = catalog.db.prepare(`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ? - 1)
    INSERT INTO points (series_id, x, value) SELECT ?, i, 2 + 3 * pow(i + 1, -0.3) + ? + (abs(random()) % 10000) / 1e5 FROM s`)
  for (let r = 0; r < runs; r++) {
    const id = run.get(project, `run-${r}-s${r % 5}`, JSON.stringify({ lr: 1e-3 * (1 + Math.floor(r / 5)), seed: r % 5 })) as number
    runIds.push(id)
    fill.run(points, series.get(id), (r % 20) * 0.01)
  }
})
console.log(`catalog: ${runs} runs x ${points.toLocaleString('en')} points = ${(runs * points).toLocaleString('en')} points, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
catalog.db.pragma('wal_checkpoint(TRUNCATE)')

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const t = performance.now()
  const value = await fn()
  const seconds = (performance.now() - t) / 1000
  console.log(`${label}: ${seconds.toFixed(3)} s`)
  return { seconds, value }
}

const request = { runIds, metrics: ['loss'], x: 'step' as const, pixels }
await timed('warm-up (first worker start, page cache)', () => curveSeries(catalog, path, request))
const whole = await timed(`curveSeries, ${runs} runs, whole extent, ${pixels} px`, () => curveSeries(catalog, path, request))
const drawn = whole.value.panels[0].lines.reduce((s, l) => s + l.x.length, 0)
console.log(`  lines ${whole.value.panels[0].lines.length}, points sent ${drawn.toLocaleString('en')} (${((drawn / (runs * points)) * 100).toFixed(2)}% of the catalog's), JSON ${(JSON.stringify(whole.value).length / 1048576).toFixed(1)} MB`)
console.log(`ratio (ours / ${TARGET_SECONDS} s target), whole chart: ${(whole.seconds / TARGET_SECONDS).toFixed(2)} ${whole.seconds <= TARGET_SECONDS ? 'OK' : 'OVER TARGET'}`)
const zoom = await timed(`curveSeries, ${runs} runs, zoom window steps 40,000-41,000`, () => curveSeries(catalog, path, { ...request, window: [40_000, 41_000] }))
console.log(`  points sent ${zoom.value.panels[0].lines.reduce((s, l) => s + l.x.length, 0).toLocaleString('en')}`)
console.log(`ratio (ours / ${TARGET_SECONDS} s target), zoom: ${(zoom.seconds / TARGET_SECONDS).toFixed(2)} ${zoom.seconds <= TARGET_SECONDS ? 'OK' : 'OVER TARGET'}`)
const grouped = await timed(`curveSeries, ${runs} runs grouped over seed (std band)`, () => curveSeries(catalog, path, { ...request, groupBy: 'seed', band: 'std' }))
console.log(`  ${grouped.value.panels[0].lines.length} group lines`)
await timed(`for scale: getSeries of all ${runs} runs on this thread (every point materialised)`, () => {
  let n = 0
  for (const id of runIds) n += catalog.getSeries({ runId: id, metric: 'loss', xKind: 'step' }).x.length
  return n
})
await closeCurvePool()
catalog.close()
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
