// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Plan view on the 240 + 5 Chinchilla runs (test/fixtures/chinchilla, Epoch AI's reconstruction of
 * Hoffmann et al. 2022 Fig. 4). A plan for a 1e25 FLOP target with 1e22 FLOPs of new runs: the forecast with its
 * predictive interval and N_opt, D_opt intervals, the recommended runs within the spend, the expected interval no
 * wider than now or than the naive run's, the method and assumptions, the two fans drawn; in Chinese too; a field
 * that is not a number is refused with its name; the Compute view draws the N_opt / D_opt fan to its budget, the
 * Scaling view the loss fan with its predictive interval. Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ROOT, newLabPage, openView, runCliSync, startLabSession, type LabSession } from './harness'

const FIXTURE = join(ROOT, 'test', 'fixtures', 'chinchilla', 'svg_extracted_data.csv')
let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  lab = await startLabSession('plan', (catalog) => runCliSync(['import', FIXTURE, '--catalog', catalog, '--project', 'Chinchilla']))
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [id, value] of Object.entries(fields)) await page.fill(`[data-testid=plan-${id}]`, value)
}

/** "[1.879, 1.970]" -> [1.879, 1.970] */
function interval(text: string | null): [number, number] {
  const m = /\[([\d.]+), ([\d.]+)\]/.exec(text ?? '')
  if (!m) throw new Error(`no interval in ${JSON.stringify(text)}`)
  return [Number(m[1]), Number(m[2])]
}

describe('the Plan view', () => {
  it('plans runs for a target: interval now, recommended runs, expected and naive intervals, method, fans', { timeout: 300_000 }, async () => {
    const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 } })
    await openView(page, url, 'plan')
    await fill(page, { target: '1e25', spend: '1e22', bootstrap: '20', seed: '2', sizes: '', 'min-params': '', 'max-params': '' })
    await page.click('[data-testid=plan-run]')
    await page.waitForSelector('[data-testid=plan-run-row]', { timeout: 240_000 })
    const now = interval(await page.textContent('[data-testid=plan-interval-now]'))
    const expected = interval(await page.textContent('[data-testid=plan-interval-expected]'))
    const naive = interval(await page.textContent('[data-testid=plan-interval-naive]'))
    expect(now[0]).toBeLessThan(now[1])
    expect(expected[1] - expected[0]).toBeLessThanOrEqual(now[1] - now[0])
    expect(expected[1] - expected[0]).toBeLessThanOrEqual(naive[1] - naive[0] + 1e-4)
    expect(await page.textContent('[data-testid=plan-labels]')).toMatch(/Approach 3.*loss = “loss”.*245 runs.*20 bootstrap resamples, seed 2/)
    expect(await page.textContent('[data-testid=plan-naive-note]')).toMatch(/one more size up the ladder/)
    expect(await page.textContent('[data-testid=plan-method]')).toMatch(/Gauss-Newton[\s\S]*noise on log loss is independent/)
    expect(await page.textContent('[data-testid=plan-recommendations]')).toMatch(/of 1e22 FLOPs|of 1\.00e22 FLOPs|1e\+?22/)
    await page.waitForSelector('[data-testid=plan-loss-chart] svg path', { state: 'attached' })
    await page.waitForSelector('[data-testid=plan-alloc-chart] svg path', { state: 'attached' })
    expect(await page.locator('[data-testid=plan-alloc-chart]').textContent()).toMatch(/N_opt[\s\S]*D_opt/)
    expect(errors).toEqual([])
  })

  it('draws the N_opt and D_opt fan from the project\'s runs in the Compute view, to its budget', { timeout: 300_000 }, async () => {
    const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })
    await openView(page, url, 'compute')
    await page.click('[data-testid=compute-fan-run]')
    await page.waitForSelector('[data-testid=compute-fan-chart] svg path', { state: 'attached', timeout: 240_000 })
    const text = (await page.textContent('[data-testid=compute-fan-interval]')) ?? ''
    expect(text).toMatch(/At 5\.76e23 FLOPs \(95% intervals\)/)
    expect(text).toMatch(/N_opt \S+ \[\S+, \S+\]/)
    expect(text).toMatch(/D_opt \S+ \[\S+, \S+\]/)
    expect(await page.textContent('[data-testid=compute-fan]')).toMatch(/Approach 3.*200 bootstrap resamples, seed 1/)
    expect(errors).toEqual([])
  })

  it('draws the loss forecast with its predictive interval past the data in the Scaling view, to the fit budget', { timeout: 300_000 }, async () => {
    const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    await openView(page, url, 'scaling')
    await page.click('[data-testid=scaling-fan-run]')
    await page.waitForSelector('[data-testid=scaling-fan-chart] svg path', { state: 'attached', timeout: 240_000 })
    const text = (await page.textContent('[data-testid=scaling-fan-interval]')) ?? ''
    // the Scaling view's default budget is Chinchilla's, 5.76e23 FLOPs; the loss interval is the predictive one
    expect(text).toMatch(/5\.76e23/)
    const [lo, hi] = interval(text.slice(text.lastIndexOf('[')))
    expect(lo).toBeLessThan(hi)
    expect(await page.textContent('[data-testid=scaling-fan] h2')).toBe('损失预测及其预测区间（延伸到数据之外）')
    await page.locator('[data-testid=scaling-fan]').screenshot({ path: join(ROOT, 'test', 'e2e', 'artifacts', 'scaling-loss-fan-zh.png') })
    expect(errors).toEqual([])
  })

  it('speaks Chinese and refuses a field that is not a number, naming it', { timeout: 120_000 }, async () => {
    const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', colorScheme: 'dark' })
    await openView(page, url, 'plan')
    expect(await page.textContent('h1')).toBe('规划下一批训练')
    await fill(page, { target: 'lots' })
    await page.click('[data-testid=plan-run]')
    await expect.poll(() => page.textContent('.plan-page'), { timeout: 10_000 }).toMatch(/“目标算力”不是数字/)
    expect(errors).toEqual([])
  })
})
