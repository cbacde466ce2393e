// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Compute view. On a fresh catalog (only the presets to compare), the budget starts at the
 * Gopher/Chinchilla budget 5.76e23 FLOPs; the Chinchilla preset's N_opt and D_opt are the closed form of its
 * published parameters; the slider moves the budget; inference demand adds the Sardana et al. rows; the chart
 * marks Gopher and Chinchilla. Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { formatCount } from '../../src/renderer/format/units'

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
    const workers = join(ROOT, 'out', 'main', 'workers')
    const env = existsSync(join(workers, 'import.js')) ? { ...process.env, SCALING_LAB_WORKER_DIR: workers } : process.env
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
  dir = mkdtempSync(join(tmpdir(), 'scaling-lab-e2e-compute-'))
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

async function openCompute(colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser!.newContext({ viewport: { width: 1440, height: 900 }, colorScheme, locale: 'en-US' })
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`)
  })
  await page.goto(url)
  await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')
  await page.goto(url.split('?')[0] + '#/compute')
  await page.waitForSelector('[data-testid=compute-chart] svg path', { state: 'attached' })
  return { page, errors }
}

/**
 * Chinchilla Approach 3 (Hoffmann et al. 2022, arXiv 2203.15556, eq. 4 and Appendix D.2), unrounded as Besiroglu et al.
 * 2024 (arXiv 2404.10102) quote them: A = 406.401, B = 410.723, alpha = 0.339171, beta = 0.284908 (the rounded 0.34 /
 * 0.28 move N_opt by 25% at 5.76e23: the exponents matter). N_opt = G (C/6)^(beta/(alpha+beta)), D_opt = G^-1 (C/6)^(alpha/(alpha+beta)),
 * G = (alpha A / (beta B))^(1/(alpha+beta)). Computed here, independently of the lab's code.
 */
function chinchillaOptimum(C: number): { N: number; D: number } {
  const [A, B, alpha, beta] = [406.401, 410.723, 0.339171, 0.284908]
  const G = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta))
  return { N: G * Math.pow(C / 6, beta / (alpha + beta)), D: Math.pow(C / 6, alpha / (alpha + beta)) / G }
}

describe('the Compute view', () => {
  it('splits a budget under the published laws side by side and follows the slider', { timeout: 180_000 }, async () => {
    const { page, errors } = await openCompute()
    const headers = await page.locator('[data-testid=compute-table] thead th').allTextContents()
    expect(headers).toEqual(expect.arrayContaining(['Chinchilla (Hoffmann et al. 2022)', 'Besiroglu et al. 2024', 'Kaplan et al. 2020']))
    const col = headers.indexOf('Chinchilla (Hoffmann et al. 2022)')
    const nopt = page.locator('[data-testid=compute-nopt]').nth(col - 1)
    expect(await page.inputValue('[data-testid=compute-budget]')).toBe('5.76e23')
    const at = chinchillaOptimum(5.76e23)
    await expect.poll(() => nopt.textContent(), { timeout: 30_000 }).toBe(formatCount(at.N))
    // Gopher and Chinchilla marked on the chart (legend entries)
    expect(await page.textContent('[data-testid=compute-chart]')).toContain('Gopher (280B, 300B)')
    await page.waitForTimeout(1500)
    await page.screenshot({ path: join(ARTIFACTS, 'compute.png') })

    // the slider: End jumps to 1e27 FLOPs
    await page.focus('[data-testid=compute-slider]')
    await page.keyboard.press('End')
    await expect.poll(() => page.inputValue('[data-testid=compute-budget]'), { timeout: 30_000 }).toBe('1e27')
    await expect.poll(() => nopt.textContent(), { timeout: 30_000 }).toBe(formatCount(chinchillaOptimum(1e27).N))

    // a typed budget and inference demand (Sardana et al. 2024): the inference rows appear
    await page.fill('[data-testid=compute-budget]', '1e23')
    await page.press('[data-testid=compute-budget]', 'Enter')
    await page.fill('[data-testid=compute-inference]', '2T')
    await expect.poll(() => page.textContent('[data-testid=compute-table]'), { timeout: 30_000 }).toContain('Inference-aware')
    await expect.poll(() => nopt.textContent(), { timeout: 30_000 }).toBe(formatCount(chinchillaOptimum(1e23).N))
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('reads in the dark theme', { timeout: 120_000 }, async () => {
    const { page, errors } = await openCompute('dark')
    await page.waitForSelector('[data-testid=compute-moe]')
    // let the chart's entry animation settle before the screenshot (the assertions do not depend on it)
    await page.waitForTimeout(1500)
    await page.screenshot({ path: join(ARTIFACTS, 'compute-dark.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
