/**
 * What every end-to-end test needs: `scaling-lab serve` on a fresh catalog (the built CLI and workers when
 * `npm test` built them, else the sources through tsx), Debian's Chromium through playwright-core, and a page
 * that collects the errors the app logs. Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { cliEntry } from '../integration/run-cli'

export const ROOT = resolve(__dirname, '..', '..')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts')
export const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/** The lab's environment: the bundled workers of the build when they exist (they start faster than tsx). */
export function labEnv(): NodeJS.ProcessEnv {
  const workers = join(ROOT, 'out', 'main', 'workers')
  return existsSync(join(workers, 'import.js')) ? { ...process.env, SCALING_LAB_WORKER_DIR: workers } : process.env
}

/** Run a CLI command synchronously against the session's catalog (to import fixtures before serving). */
export function runCliSync(args: string[]): void {
  const r = spawnSync(process.execPath, [...cliEntry(), ...args], { cwd: ROOT, env: labEnv(), encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`scaling-lab ${args.join(' ')} failed: ${r.stderr}`)
}

export interface LabSession {
  url: string
  dir: string
  catalog: string
  browser: Browser
  close(): Promise<void>
}

function serve(catalog: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [...cliEntry(), 'serve', '--catalog', catalog, '--port', '0'], { cwd: ROOT, env: labEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const url = new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer): void => {
      log += chunk.toString()
      const m = /serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=[^\s]+)/.exec(log)
      if (m) resolveUrl(m[1])
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => reject(new Error(`scaling-lab serve exited with ${code} before printing its URL:\n${log}`)))
  })
  return { child, url }
}

/** A fresh catalog (prepared by `prepare`, e.g. imports), the web host on it, and Chromium. */
export async function startLabSession(name: string, prepare?: (catalog: string) => void, afterServe?: (catalog: string) => void): Promise<LabSession> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` before the e2e tests')
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  mkdirSync(ARTIFACTS, { recursive: true })
  const dir = mkdtempSync(join(tmpdir(), `scaling-lab-e2e-${name}-`))
  const catalog = join(dir, 'catalog.sqlite')
  prepare?.(catalog)
  const server = serve(catalog)
  const url = await server.url
  afterServe?.(catalog)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS })
  return {
    url,
    dir,
    catalog,
    browser,
    close: async () => {
      await browser.close()
      if (server.child.exitCode === null) {
        const exited = new Promise((r) => server.child.once('exit', r))
        server.child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface PageOptions {
  colorScheme?: 'light' | 'dark'
  locale?: string
  viewport?: { width: number; height: number }
  /** also count HTTP responses >= 400 as errors */
  failedResponses?: boolean
  /** 'reduce': the page asks for reduced motion, so charts (FigurePanel) draw without animation */
  reducedMotion?: 'reduce' | 'no-preference'
}

/** A page in its own context (theme, language, size), with the errors it logs collected. */
export async function newLabPage(browser: Browser, opts: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US', reducedMotion: opts.reducedMotion })
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`)
  })
  if (opts.failedResponses) {
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}`)
    })
  }
  return { page, errors }
}

/** The centre of an element once its box has stopped moving (ECharts animates marks after each new option). */
async function settledCentre(mark: Locator): Promise<{ x: number; y: number }> {
  let last = await mark.boundingBox({ timeout: 30_000 })
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 150))
    const box = await mark.boundingBox({ timeout: 30_000 })
    if (box && last && box.x === last.x && box.y === last.y && box.width === last.width && box.height === last.height) {
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    }
    last = box
  }
  throw new Error('the chart mark never stopped moving')
}

/**
 * Click a chart mark (an ECharts SVG path) the way a user does: hover its centre once it has stopped moving, then
 * click there. ECharts finds the clicked item from the pointer position, not from the DOM target, so a click during a
 * re-render or a resize can land beside the mark; the click is repeated (up to `attempts` times) only while `done`
 * still says the effect has not happened, so a toggle is never undone by a second click.
 */
export async function clickChartMark(page: Page, mark: Locator, done: () => Promise<boolean>, attempts = 4): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const { x, y } = await settledCentre(mark)
    await page.mouse.move(x, y)
    await page.waitForTimeout(100)
    await page.mouse.click(x, y)
    for (let wait = 0; wait < 20; wait++) {
      if (await done()) return
      await page.waitForTimeout(150)
    }
  }
  await page.screenshot({ path: join(ARTIFACTS, 'click-chart-mark-failed.png') })
  throw new Error(`clicking the chart mark had no effect after ${attempts} tries (screenshot: test/e2e/artifacts/click-chart-mark-failed.png)`)
}
