/**
 * Curves chart benchmark (issue 14): 100 runs x 100,000 points each (10 million points) on one chart in Chromium.
 * Targets (the "Speed and memory"):
 *   first frame after the data arrive     < 1 s   (the curveSeries answer read in the page -> the second animation
 *                                                   frame after the view lists the 100 lines; ECharts paints the
 *                                                   canvas in the frame after it is given the option)
 *   frame rate while panning and zooming  >= 30 fps (requestAnimationFrame callbacks counted in the page while the
 *                                                   mouse wheel zooms and a drag pans the inside dataZoom; every
 *                                                   zoom also asks the engine for the window again, as a user's does)
 *   renderer's JS memory                  < 1 GB  (V8 heap + Blink's heap + array-buffer backing stores, through the
 *                                                   DevTools protocol's Runtime.getHeapUsage; the largest seen after
 *                                                   loading and after the interaction)
 * The catalog is written straight into a temporary SQLite file (synthetic loss curves L = 2 + 8 / sqrt(1 + s / 500)
 * with seeded noise, one metric per run), then the built web host (`scaling-lab serve`) and Debian's Chromium
 * (playwright-core, headless, software rendering: slower than a desktop GPU) open /curves?runs=1..100.
 * Needs the built app (`npx electron-vite build`; done here when out/ is missing or older than src/) and
 * /usr/bin/chromium (or CHROMIUM_PATH).
 *   node --import tsx bench/curves-chart.bench.ts [--runs 100] [--points 100000] [--seconds 4] [--profile FILE]
 * --profile writes the page's CPU profile (DevTools .cpuprofile) from opening the view to the end of the panning.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { Catalog } from '../src/core/catalog'
import { ensureBuiltCli, root } from './processes'

const argv = process.argv.slice(2)
const opt = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Math.max(1, Math.floor(Number(argv[at + 1])))
}
const RUNS = opt('runs', 100)
const POINTS = opt('points', 100_000)
const SECONDS = opt('seconds', 4)
const profileAt = argv.indexOf('--profile')
const PROFILE = profileAt === -1 ? null : argv[profileAt + 1]
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const TARGETS = { firstFrameMs: 1000, fps: 30, heapBytes: 1024 ** 3 }

/** Mulberry32: a small seeded generator, so every run of the benchmark draws the same curves. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function writeCatalog(path: string): number[] {
  const c = new Catalog(path)
  try {
    const project = c.ensureProject('Bench: curves')
    const addRun = c.db.prepare('INSERT INTO runs (project_id, name, family, config) VALUES (?, ?, ?, ?)')
    const addSeries = c.db.prepare("INSERT INTO series (run_id, metric, x_kind) VALUES (?, 'loss', 'step')")
    const addPoint = c.db.prepare('INSERT INTO points (series_id, x, value) VALUES (?, ?, ?)')
    const ids: number[] = []
    const rand = mulberry32(14)
    c.db.transaction(() => {
      for (let r = 0; r < RUNS; r++) {
        const runId = Number(addRun.run(project.id, `bench-${Math.floor(r / 5)}-s${r % 5}`, `size-${Math.floor(r / 20)}`, JSON.stringify({ seed: r % 5, width: 256 * (1 + Math.floor(r / 5)) })).lastInsertRowid)
        const seriesId = Number(addSeries.run(runId).lastInsertRowid)
        const scale = 1 + r / RUNS
        for (let s = 1; s <= POINTS; s++) addPoint.run(seriesId, s, 2 / scale + 8 / Math.sqrt(1 + s / 500) + 0.05 * (rand() - 0.5))
        ids.push(runId)
      }
    })()
    return ids
  } finally {
    c.close()
  }
}

function serve(catalog: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ensureBuiltCli(), 'serve', '--catalog', catalog, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SCALING_LAB_WORKER_DIR: join(root, 'out', 'main', 'workers') } })
    let log = ''
    const onData = (chunk: Buffer): void => {
      log += chunk.toString()
      const m = /serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(log)
      if (m) resolve({ child, url: m[1] })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => reject(new Error(`scaling-lab serve exited with ${code}:\n${log}`)))
  })
}

/**
 * In the page before the app starts: when each curveSeries answer has been read, and a frame counter. Browser code
 * is kept as text: tsx would wrap named functions in a helper the page does not have.
 */
const INSTRUMENT = `(() => {
  window.__curves = { asked: [], arrived: [] }
  window.__frames = []
  window.__counting = false
  const fetch0 = window.fetch.bind(window)
  window.fetch = async (input, init) => {
    const isCurves = String(input instanceof Request ? input.url : input).includes('/api/curveSeries')
    if (isCurves) window.__curves.asked.push(performance.now())
    const res = await fetch0(input, init)
    if (!isCurves) return res
    const json = res.json.bind(res)
    res.json = async () => {
      const body = await json()
      window.__curves.arrived.push(performance.now())
      return body
    }
    return res
  }
  const tick = (t) => {
    if (window.__counting) window.__frames.push(t)
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})()`

/** The second animation frame after the view lists `lines` lines, in page time. */
const firstFrameAfterLines = (lines: number): string => `new Promise((resolve) => {
  const check = () => {
    if (document.querySelectorAll('[data-testid=curves-lines] tbody tr').length >= ${lines}) requestAnimationFrame(() => requestAnimationFrame((t) => resolve(t)))
    else requestAnimationFrame(check)
  }
  check()
})`

/**
 * The renderer's JavaScript memory: the V8 heap, the embedder's (Blink's) heap and the array buffers' backing
 * stores (typed arrays live there, outside the V8 heap), from the DevTools protocol's Runtime.getHeapUsage.
 */
async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number }
  await cdp.detach()
  return u.usedSize + (u.embedderHeapUsedSize ?? 0) + (u.backingStorageSize ?? 0)
}

/** Zoom in with the wheel and pan by dragging over the first panel for `seconds`, counting frames in the page. */
async function interact(page: Page, seconds: number): Promise<{ fps: number; longestFrameMs: number; refetches: number }> {
  const box = await page.locator('[data-testid=curves-view] .chart canvas').first().boundingBox()
  if (!box) throw new Error('the chart canvas is not on the page')
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 3
  const before = (await page.evaluate('window.__curves.arrived.length')) as number
  await page.evaluate('window.__counting = true')
  const end = Date.now() + seconds * 1000
  let i = 0
  await page.mouse.move(cx, cy)
  while (Date.now() < end) {
    if (i % 2 === 0) {
      await page.mouse.wheel(0, i % 8 < 4 ? -120 : 120)
    } else {
      await page.mouse.down()
      for (let k = 1; k <= 5; k++) await page.mouse.move(cx + (i % 4 === 1 ? k : -k) * 12, cy)
      await page.mouse.up()
      await page.mouse.move(cx, cy)
    }
    i++
  }
  const frames = (await page.evaluate('window.__counting = false, window.__frames')) as number[]
  const after = (await page.evaluate('window.__curves.arrived.length')) as number
  const span = frames.length > 1 ? (frames[frames.length - 1] - frames[0]) / 1000 : seconds
  let longest = 0
  for (let k = 1; k < frames.length; k++) longest = Math.max(longest, frames[k] - frames[k - 1])
  return { fps: (frames.length - 1) / span, longestFrameMs: longest, refetches: after - before }
}

const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met')

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`  ${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`)
    process.exit(1)
  }
  ensureBuiltCli()
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build`')
  const dir = mkdtempSync(join(tmpdir(), 'scaling-lab-curves-bench-'))
  let server: ChildProcess | null = null
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] })
  try {
    const catalog = join(dir, 'catalog.sqlite')
    const t0 = Date.now()
    const ids = writeCatalog(catalog)
    console.log(`curves chart: ${RUNS} runs x ${POINTS.toLocaleString('en')} points (${(RUNS * POINTS).toLocaleString('en')} points), catalog written in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    const started = await serve(catalog)
    server = started.child
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' })
    await context.addInitScript(INSTRUMENT)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const profiler = PROFILE ? await page.context().newCDPSession(page) : null
    if (profiler) {
      await profiler.send('Profiler.enable')
      await profiler.send('Profiler.start')
    }
    await page.goto(`${started.url}#/curves?runs=${ids.join(',')}`)
    const frame = (await page.evaluate(firstFrameAfterLines(RUNS))) as number
    const { asked, arrived } = (await page.evaluate('window.__curves')) as { asked: number[]; arrived: number[] }
    if (process.env.CURVES_BENCH_DEBUG) console.log({ asked, arrived, frame })
    const lastArrival = arrived.filter((t) => t <= frame).pop()
    if (lastArrival === undefined) throw new Error('no curveSeries answer arrived before the chart showed its lines')
    const firstFrameMs = frame - lastArrival
    const heapLoaded = await heapUsed(page)
    const drawn = await page.locator('[data-testid=curves-lines] tbody tr').count()
    console.log(`  engine answer (curveSeries, asked -> read in the page): ${(arrived[0] - asked[0]).toFixed(0)} ms; ${drawn} lines listed`)
    console.log(`  first frame after the data arrive: ${firstFrameMs.toFixed(0)} ms (target < ${TARGETS.firstFrameMs} ms: ${verdict(firstFrameMs < TARGETS.firstFrameMs)}; ratio ${(firstFrameMs / TARGETS.firstFrameMs).toFixed(2)})`)
    const pan = await interact(page, SECONDS)
    console.log(
      `  pan and zoom for ${SECONDS} s: ${pan.fps.toFixed(1)} fps, longest frame ${pan.longestFrameMs.toFixed(0)} ms, ${pan.refetches} window(s) loaded again (target >= ${TARGETS.fps} fps: ${verdict(pan.fps >= TARGETS.fps)}; ratio ${(pan.fps / TARGETS.fps).toFixed(2)})`,
    )
    if (profiler && PROFILE) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown }
      writeFileSync(PROFILE, JSON.stringify(profile))
      console.log(`  CPU profile: ${PROFILE}`)
    }
    const heapAfter = await heapUsed(page)
    const heap = Math.max(heapLoaded, heapAfter)
    console.log(`  renderer JS memory (heaps and array buffers): ${(heap / 1024 ** 2).toFixed(0)} MB (loaded ${(heapLoaded / 1024 ** 2).toFixed(0)} MB, after panning ${(heapAfter / 1024 ** 2).toFixed(0)} MB; target < 1024 MB: ${verdict(heap < TARGETS.heapBytes)}; ratio ${(heap / TARGETS.heapBytes).toFixed(2)})`)
    if (errors.length) console.log(`  the page logged errors: ${errors.join(' | ')}`)
  } finally {
    await browser.close()
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r))
      server.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exit(1)
})
