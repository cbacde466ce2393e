// page.evaluate callbacks run in the browser, so this file sees the DOM types
/// <reference lib="dom" />
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
import { expect, onTestFinished } from 'vitest'
import { cliEntry } from '../integration/cli-entry'

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
  /**
   * 'reduce' (the default): the page asks for reduced motion, so charts (FigurePanel) draw without animation and a
   * screenshot or a click never has to wait for one
   */
  reducedMotion?: 'reduce' | 'no-preference'
}

/**
 * A page in its own context (theme, language, size), with the errors it logs collected. Called inside a test: when
 * the test fails, what the page showed is printed (address, collected errors, body text) and a screenshot saved,
 * so the failure explains itself; the context is closed when the test ends, whether it passed or not.
 */
export async function newLabPage(browser: Browser, opts: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    locale: opts.locale ?? 'en-US',
    reducedMotion: opts.reducedMotion ?? 'reduce',
  })
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`)
  })
  // not errors of the app (a reload aborts pending requests): printed only when the test fails
  const failedRequests: string[] = []
  page.on('requestfailed', (r) => failedRequests.push(`${new URL(r.url()).pathname} (${r.failure()?.errorText ?? 'no reason given'})`))
  if (opts.failedResponses) {
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}`)
    })
  }
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') await explainFailure(page, errors, failedRequests, task.name)
    await ctx.close()
  })
  return { page, errors }
}

/** Print what the page shows when a test fails on it: its address, the errors it logged, its text; and a screenshot. */
async function explainFailure(page: Page, errors: string[], failedRequests: string[], testName: string): Promise<void> {
  if (page.isClosed()) {
    console.error(`[e2e] "${testName}" failed after its page was closed; errors the page logged: ${JSON.stringify(errors)}`)
    return
  }
  const shot = join(ARTIFACTS, `failed-${testName.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`)
  const body = await page.evaluate(() => document.body.innerText).catch((e: unknown) => `(body not readable: ${String(e)})`)
  await page.screenshot({ path: shot, fullPage: true, timeout: 10_000 }).catch(() => undefined)
  console.error(
    [`[e2e] "${testName}" failed on ${page.url()}`, `errors the page logged: ${JSON.stringify(errors, null, 1)}`, `requests that failed: ${JSON.stringify(failedRequests, null, 1)}`, `screenshot: ${shot}`, 'body text:', body.slice(0, 4000)].join('\n'),
  )
}

/** The views in the navigation, by their route (router/index.ts). */
export type NavRoute = 'catalog' | 'data' | 'knnlm' | 'emergence' | 'calibration' | 'inverse-scaling' | 'scaling' | 'compute' | 'forecast' | 'atlas' | 'plan' | 'curves'

/**
 * Open the lab as a user does: the address `scaling-lab serve` printed (token included), then the view through its
 * link in the navigation (in the More menu when the row is too narrow for it). Resolves once the address shows the
 * view's route.
 */
export async function openView(page: Page, url: string, route: NavRoute): Promise<void> {
  await page.goto(url)
  await clickNavEntry(page, route)
  await page.waitForURL((u) => u.hash === `#/${route}`)
}

/** Click a view's entry in the navigation; an entry that did not fit in the row is in the More menu (NavBar.vue). */
export async function clickNavEntry(page: Page, route: NavRoute): Promise<void> {
  await page.locator('nav[data-fitted]').waitFor()
  const link = page.locator(`nav a[href="#/${route}"]`)
  if (!(await link.isVisible())) await page.click('[data-testid=nav-more]')
  await link.click()
}

/** Resolves after two animation frames of the page: a chart given a new option (ECharts paints in its next frame) has drawn it. */
export async function paintedFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
}

/** Resolves once the element's box is the same in two consecutive animation frames (nothing is moving it). */
async function stillBox(mark: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await mark.waitFor({ state: 'visible' })
  await mark.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const same = (a: DOMRect, b: DOMRect): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height
        let last = el.getBoundingClientRect()
        const check = (): void => {
          const now = el.getBoundingClientRect()
          if (same(now, last)) resolve()
          else {
            last = now
            requestAnimationFrame(check)
          }
        }
        requestAnimationFrame(check)
      }),
  )
  const box = await mark.boundingBox()
  if (!box) throw new Error('the chart mark has no box (it is not rendered)')
  return box
}

/**
 * Click a chart mark (an ECharts SVG path) the way a user does: at its centre once it holds still. ECharts finds the
 * clicked item from the pointer position, not from the DOM target, so the click waits for the mark to stop moving
 * (pages ask for reduced motion, so nothing animates; a re-render can still move it). Then waits until `done` says the
 * click took effect; one click, never repeated, so a toggle is never undone.
 */
export async function clickChartMark(page: Page, mark: Locator, done: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  const box = await stillBox(mark)
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2]
  await page.mouse.move(x, y)
  await page.mouse.click(x, y)
  await expect.poll(done, { timeout, message: 'clicking the chart mark had no effect' }).toBe(true)
}
