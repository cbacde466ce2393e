// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Data view on `scaling-lab serve` in Chromium: clean two Brown genres plus an uploaded HTML
 * page with an evaluation text, read the funnel (drawn chart, stage table, removed examples), then the same
 * view in dark theme and Simplified Chinese, and a binary upload refused with a message that names the file.
 * Needs the built renderer and workers (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

const ROOT = resolve(__dirname, '..', '..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts')
const PAGE_FIXTURE = join(ROOT, 'test', 'fixtures', 'corpus', 'page.html')
const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

let server: ChildProcess | null = null
let browser: Browser | null = null
let url = ''
let dir = ''
let serverLog = ''

function startServer(catalog: string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    // the cleaning runs in the corpus-clean worker: use the bundled workers of the build
    const workers = join(ROOT, 'out', 'main', 'workers')
    const env = existsSync(join(workers, 'corpus-clean.js')) ? { ...process.env, SCALING_LAB_WORKER_DIR: workers } : process.env
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'serve', '--catalog', catalog, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    server = child
    const onData = (chunk: Buffer): void => {
      serverLog += chunk.toString()
      const m = /serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=[^\s]+)/.exec(serverLog)
      if (m) resolveUrl(m[1])
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`scaling-lab serve exited with ${code} before printing its URL:\n${serverLog}`)))
  })
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` before the e2e tests')
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  mkdirSync(ARTIFACTS, { recursive: true })
  dir = mkdtempSync(join(tmpdir(), 'scaling-lab-e2e-data-'))
  url = await startServer(join(dir, 'catalog.sqlite'))
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS })
})

afterAll(async () => {
  await browser?.close()
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r))
    server.kill('SIGTERM')
    await exited
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function openData(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser!.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US' })
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto(url)
  await page.waitForSelector('nav')
  await page.goto(url.split('?')[0] + '#/data')
  await page.waitForSelector('[data-testid=clean-form]')
  return { page, errors }
}

async function clean(page: Page): Promise<void> {
  await page.click('[data-testid=clean-run]')
  await page.waitForSelector('[data-testid=clean-running]', { timeout: 30_000 })
  await page.waitForSelector('[data-testid=clean-running]', { state: 'detached', timeout: 180_000 })
}

describe('Data view', () => {
  it('cleans Brown humor and science fiction plus an uploaded page and shows the funnel and what was removed', async () => {
    const { page, errors } = await openData()
    await page.waitForSelector('[data-testid=data-empty]')
    // the default selection is humor (9 samples) + science fiction (6 samples), per the Brown manual's counts
    expect(await page.isChecked('[data-testid=genre-humor]')).toBe(true)
    expect(await page.isChecked('[data-testid=genre-science_fiction]')).toBe(true)
    await page.setInputFiles('[data-testid=data-files]', PAGE_FIXTURE)
    await page.getByText('page.html').waitFor()
    await page.fill('[data-testid=eval-spec]', 'brown:cr05')
    await clean(page)

    const summary = await page.textContent('[data-testid=data-summary]')
    // 15 Brown samples + the page; the page is too short for the Gopher word count, cr05 shares 13-grams with itself
    expect(summary).toContain('Kept 14 of 16 documents')
    await page.waitForSelector('[data-testid=funnel-chart] svg path', { state: 'attached' })
    expect(await page.locator('[data-testid=funnel-chart] svg path').count()).toBeGreaterThan(5)
    const rows = page.locator('[data-testid=stage-table] tbody tr')
    expect(await rows.count()).toBe(6)
    expect(await page.textContent('tr[data-stage=decontaminate]')).toContain('shared-ngram × 1')
    expect(await page.textContent('tr[data-stage=strip-html]')).toContain('16 → 16')
    await page.screenshot({ path: join(ARTIFACTS, 'data.png') })

    await page.click('tr[data-stage=decontaminate]')
    const example = page.locator('[data-testid=removed-example]').first()
    expect(await example.textContent()).toContain('brown:cr05')
    await page.click('tr[data-stage=quality]')
    expect(await page.locator('[data-testid=removed-example]').first().textContent()).toContain('page.html')
    await page.click('[data-testid=mode-removed]')
    await page.waitForTimeout(1200) // let the bars settle after the switch
    await page.screenshot({ path: join(ARTIFACTS, 'data-removed.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('reopens the last cleaning in dark theme and Simplified Chinese', async () => {
    const { page, errors } = await openData({ colorScheme: 'dark', locale: 'zh-CN' })
    await page.waitForSelector('[data-testid=data-summary]')
    expect(await page.textContent('h1')).toBe('数据流水线')
    expect(await page.textContent('[data-testid=data-summary]')).toContain('保留 16 篇文档中的 14 篇')
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark')
    await page.screenshot({ path: join(ARTIFACTS, 'data-dark-zh.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('refuses a binary upload with the file name and what to do', async () => {
    const { page } = await openData()
    for (const id of ['genre-humor', 'genre-science_fiction']) if (await page.isChecked(`[data-testid=${id}]`)) await page.click(`[data-testid=${id}]`)
    await page.setInputFiles('[data-testid=data-files]', { name: 'weights.txt', mimeType: 'text/plain', buffer: Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x00, 0x01, 0x02]) })
    await page.getByText('weights.txt').waitFor()
    await page.click('[data-testid=clean-run]')
    const error = page.locator('[data-testid=clean-form] .error-box')
    await error.waitFor({ timeout: 60_000 })
    expect(await error.textContent()).toContain('weights.txt looks like a binary file')
    // the upload's private path on the host is not shown
    expect(await error.textContent()).not.toContain('scaling-lab-uploads')
    await page.screenshot({ path: join(ARTIFACTS, 'data-binary.png') })
    await page.context().close()
  })
})
