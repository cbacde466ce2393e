/**
 * Curves chart benchmark (issue 14): 100 runs x 100,000 points each (10 million points) on one chart in Chromium.
 * Targets (the "Speed and memory"):
 *   first frame after the data arrive     < 1 s   (the curveSeries answer read in the page -> the second animation
 *                                                   frame after the view lists the 100 lines; ECharts paints the
 *                                                   canvas in the frame after it is given the option)
 *   frame rate while panning and zooming  >= 30 fps (requestAnimationFrame callbacks counted in the page while it
 *                                                   zooms with the wheel and pans by dragging the inside dataZoom, one
 *                                                   input every frame, dispatched from the page as a browser delivers a
 *                                                   user's; also counted: the frames in which the chart was drawn
 *                                                   again. A pause of 180 ms would ask the engine for the window again,
 *                                                   as a user's does; the gesture here does not pause)
 *   (for comparison, not a target: the same gesture sent through the DevTools protocol, as Playwright's mouse sends
 *   it, one event at a time and each waited for: fewer inputs than frames, so its frame rate says how free the page
 *   stays, not how fast the chart redraws)
 *   renderer's JS memory                  < 1 GB  (V8 heap + Blink's heap + array-buffer backing stores, through the
 *                                                   DevTools protocol's Runtime.getHeapUsage; the largest seen after
 *                                                   loading and after the interaction)
 * The catalog is written straight into a temporary SQLite file (synthetic loss curves L = 2 + 8 / sqrt(1 + s / 500)
 * with seeded noise, one metric per run), then the built web host (`scaling-lab serve`) and Debian's Chromium
 * (playwright-core, headless, software rendering: slower than a desktop GPU) open /curves?runs=1..100.
 * Needs the built app (`npx electron-vite build`; done here when out/ is missing or older than src/) and
 * /usr/bin/chromium (or CHROMIUM_PATH).
 *   node --import tsx bench/curves-chart.bench.ts [--runs 100] [--points 100000] [--seconds 4] [--profile FILE]
 *     [--trace FILE] [--catalog FILE]
 * --catalog keeps the synthetic catalog in FILE and reads it from there on the next run (written when missing), so
 * trying a change to the chart does not wait for 10 million rows to be written again.
 * --trace FILE writes a Chromium trace of the panning (open it in chrome://tracing or the DevTools performance panel).
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
const traceAt = argv.indexOf('--trace')
const TRACE = traceAt === -1 ? null : argv[traceAt + 1]
const catalogAt = argv.indexOf('--catalog')
const KEPT_CATALOG = catalogAt === -1 ? null : argv[catalogAt + 1]
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

/** The runs of a catalog kept by an earlier run of the benchmark (--catalog): it must hold --runs runs. */
function keptRunIds(path: string): number[] {
  const c = new Catalog(path)
  try {
    const ids = (c.db.prepare('SELECT id FROM runs ORDER BY id').all() as { id: number }[]).map((r) => r.id)
    if (ids.length !== RUNS) throw new Error(`${path} holds ${ids.length} runs, not ${RUNS}: delete it to write it again`)
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

/**
 * Counts animation frames, and the chart's repaints (ECharts and the line layer clear their canvas before each), in
 * the page until window.__stopCounting() returns them.
 */
const COUNT_FRAMES = `(() => {
  const frames = []
  const paints = []
  const clearRect0 = CanvasRenderingContext2D.prototype.clearRect
  CanvasRenderingContext2D.prototype.clearRect = function (...args) {
    paints.push(performance.now())
    return clearRect0.apply(this, args)
  }
  let on = true
  const tick = (t) => {
    frames.push(t)
    if (on) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  window.__stopCounting = () => {
    on = false
    CanvasRenderingContext2D.prototype.clearRect = clearRect0
    return { frames, paints }
  }
})()`

/**
 * The gesture, driven from inside the page so that every animation frame gets one input, as a user's wheel or drag
 * does (browsers deliver mouse input once per frame): ten frames of wheel zoom (in, then out) over the first panel,
 * then a ten-frame drag that pans it, repeated for `seconds`, counted as COUNT_FRAMES counts. Browser code is kept
 * as text.
 */
const DRIVE = (seconds: number): string => `${COUNT_FRAMES}
new Promise((resolve) => {
  const canvas = document.querySelector('[data-testid=curves-view] .chart canvas')
  const box = canvas.getBoundingClientRect()
  const cx = box.left + box.width / 2
  const cy = box.top + box.height / 3
  const at = (x) => ({ clientX: x, clientY: cy, bubbles: true, cancelable: true, view: window })
  canvas.dispatchEvent(new MouseEvent('mousemove', at(cx)))
  const end = performance.now() + ${seconds} * 1000
  let i = 0
  const step = (t) => {
    if (t >= end) {
      resolve(window.__stopCounting())
      return
    }
    const k = i % 20
    if (k < 10) canvas.dispatchEvent(new WheelEvent('wheel', { ...at(cx), deltaY: k < 5 ? -120 : 120, deltaMode: 0 }))
    else if (k === 10) canvas.dispatchEvent(new MouseEvent('mousedown', { ...at(cx), button: 0, buttons: 1 }))
    else if (k < 19) canvas.dispatchEvent(new MouseEvent('mousemove', { ...at(cx + (i % 40 < 20 ? 1 : -1) * (k - 10) * 12), buttons: 1 }))
    else canvas.dispatchEvent(new MouseEvent('mouseup', { ...at(cx + (i % 40 < 20 ? 1 : -1) * 96), button: 0 }))
    i++
    requestAnimationFrame(step)
  }
  requestAnimationFrame(step)
})`

/** Frames per second, of them those in which the chart was drawn again, and the longest frame. */
function frameRates(frames: number[], paints: number[]): { fps: number; chartFps: number; longestFrameMs: number } {
  const span = (frames[frames.length - 1] - frames[0]) / 1000
  let longest = 0
  let drawn = 0
  let p = 0
  for (let k = 1; k < frames.length; k++) {
    longest = Math.max(longest, frames[k] - frames[k - 1])
    // a repaint in the callbacks of frame k-1 happens after its time stamp and before frame k's
    let painted = false
    while (p < paints.length && paints[p] < frames[k]) painted = paints[p++] >= frames[k - 1] || painted
    if (painted) drawn++
  }
  return { fps: (frames.length - 1) / span, chartFps: drawn / span, longestFrameMs: longest }
}

/** Frames per second while panning and zooming with an input every frame, and of them those with a repaint. */
async function interact(page: Page, seconds: number): Promise<{ fps: number; chartFps: number; longestFrameMs: number; refetches: number }> {
  const before = (await page.evaluate('window.__curves.arrived.length')) as number
  const { frames, paints } = (await page.evaluate(DRIVE(seconds))) as { frames: number[]; paints: number[] }
  const after = (await page.evaluate('window.__curves.arrived.length')) as number
  return { ...frameRates(frames, paints), refetches: after - before }
}


/**
 * The same gesture sent as the DevTools protocol sends input (Playwright's mouse: one event at a time, each waited
 * for): fewer inputs than frames, so this measures how free the page stays rather than how fast it redraws.
 */
async function interactByProtocol(page: Page, seconds: number): Promise<{ fps: number; chartFps: number; longestFrameMs: number }> {
  const box = await page.locator('[data-testid=curves-view] .chart canvas').first().boundingBox()
  if (!box) throw new Error('the chart canvas is not on the page')
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 3
  await page.mouse.move(cx, cy)
  await page.evaluate(COUNT_FRAMES)
  const end = Date.now() + seconds * 1000
  for (let i = 0; Date.now() < end; i++) {
    if (i % 2 === 0) {
      await page.mouse.wheel(0, i % 8 < 4 ? -120 : 120)
    } else {
      await page.mouse.down()
      for (let k = 1; k <= 5; k++) await page.mouse.move(cx + (i % 4 === 1 ? k : -k) * 12, cy)
      await page.mouse.up()
      await page.mouse.move(cx, cy)
    }
  }
  const { frames, paints } = (await page.evaluate('window.__stopCounting()')) as { frames: number[]; paints: number[] }
  return frameRates(frames, paints)
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
    const catalog = KEPT_CATALOG ?? join(dir, 'catalog.sqlite')
    const t0 = Date.now()
    const reuse = KEPT_CATALOG !== null && existsSync(KEPT_CATALOG)
    const ids = reuse ? keptRunIds(KEPT_CATALOG) : writeCatalog(catalog)
    const how = reuse ? `catalog read from ${KEPT_CATALOG}` : `catalog written in ${((Date.now() - t0) / 1000).toFixed(1)} s`
    console.log(`curves chart: ${RUNS} runs x ${POINTS.toLocaleString('en')} points (${(RUNS * POINTS).toLocaleString('en')} points), ${how}`)
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
    if (TRACE) await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'viz', 'skia'] })
    const pan = await interact(page, SECONDS)
    if (TRACE) {
      await browser.stopTracing()
      console.log(`  trace of the panning: ${TRACE}`)
    }
    console.log(
      `  pan and zoom for ${SECONDS} s, an input every frame: ${pan.fps.toFixed(1)} fps (${pan.chartFps.toFixed(1)} of them with the chart redrawn), longest frame ${pan.longestFrameMs.toFixed(0)} ms, ${pan.refetches} window(s) loaded again (target >= ${TARGETS.fps} fps: ${verdict(pan.fps >= TARGETS.fps)}; ratio ${(pan.fps / TARGETS.fps).toFixed(2)})`,
    )
    const byProtocol = await interactByProtocol(page, SECONDS)
    console.log(
      `  pan and zoom for ${SECONDS} s, input as the DevTools protocol sends it (one event at a time): ${byProtocol.fps.toFixed(1)} fps (${byProtocol.chartFps.toFixed(1)} with the chart redrawn), longest frame ${byProtocol.longestFrameMs.toFixed(0)} ms`,
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
