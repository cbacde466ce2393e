// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the kNN-LM view on the shipped demo (resources/demo-model): the next-token view for a prefix with
 * its nearest neighbours, a held-out evaluation as a job, the datastore-size chart; light and dark, English and
 * Chinese. Needs the built renderer (npm run build) and /usr/bin/chromium.
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

async function openKnnLm(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser!.newContext({ viewport: { width: 1440, height: 1200 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US' })
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto(url)
  await page.waitForSelector('nav')
  await page.goto(url.split('?')[0] + '#/knnlm')
  await page.waitForSelector('[data-testid=knnlm-neighbours] tbody tr', { timeout: 60_000 })
  return { page, errors }
}

describe('kNN-LM view', () => {
  it('shows the next tokens and neighbours for a prefix, evaluates held-out perplexity, draws the datastore-size curve', async () => {
    const { page, errors } = await openKnnLm()
    await page.fill('[data-testid=knnlm-prefix]', 'The jury said it would')
    await expect.poll(() => page.locator('[data-testid=knnlm-neighbours] tbody tr td').first().textContent(), { timeout: 30_000 }).toMatch(/ would$/)
    expect(await page.locator('[data-testid=knnlm-neighbours] tbody tr').count()).toBe(16)
    await page.waitForSelector('[data-testid=knnlm-size-chart] svg path', { state: 'attached' })
    expect(await page.locator('[data-testid=knnlm-size-chart] svg path').count()).toBeGreaterThan(5)
    await page.click('[data-testid=setting-adaptation]')
    await page.click('[data-testid=knnlm-evaluate]')
    await page.waitForSelector('[data-testid=knnlm-eval]', { timeout: 180_000 })
    const line = (await page.textContent('[data-testid=knnlm-eval]')) ?? ''
    const m = /LM ([\d.]+) → kNN-LM ([\d.]+)/.exec(line)
    expect(m).not.toBeNull()
    expect(Number(m![2])).toBeLessThan(Number(m![1]))
    await page.screenshot({ path: join(ARTIFACTS, 'knnlm.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.context().close()
  }, 240_000)

  it('reads in dark theme and Simplified Chinese', async () => {
    const { page, errors } = await openKnnLm({ colorScheme: 'dark', locale: 'zh-CN' })
    expect(await page.textContent('[data-testid=knnlm-next]')).toContain('仅语言模型')
    expect(await page.textContent('aside')).toContain('领域迁移')
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark')
    await page.screenshot({ path: join(ARTIFACTS, 'knnlm-dark.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.context().close()
  }, 120_000)
})
