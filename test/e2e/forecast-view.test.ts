// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Forecast view on the OLMo ladder slice (test/fixtures/forecast/olmo-ladder-slice.csv: the paper's 16
 * ladder runs and the 13B-5T target, HellaSwag and ARC-Challenge; PROVENANCE.md there) imported through the CLI.
 * HellaSwag is predictable and forecast at 13B-5T as the paper does (chained accuracy 0.853,
 * paper_results/chained_main.csv); ARC-Challenge is noisy and gets no number; the per-task table shows both with the
 * 13B's predicted and actual accuracy. Light and dark, English and Chinese. Needs the built renderer and Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, openView, runCliSync, startLabSession, type LabSession } from './harness'

const SLICE = join(ROOT, 'test', 'fixtures', 'forecast', 'olmo-ladder-slice.csv')
const PROJECT = 'OLMo ladder'

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  lab = await startLabSession('forecast', (catalog) => runCliSync(['import', SLICE, '--format', 'evals', '--project', PROJECT, '--catalog', catalog]))
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function open(opts: { colorScheme: 'light' | 'dark'; locale: string }): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme, locale: opts.locale })
  await openView(page, url, 'forecast')
  await page.locator('[data-testid=project-picker]').selectOption({ label: PROJECT })
  await page.waitForFunction(() => (document.querySelector('[data-testid=forecast-task]') as HTMLSelectElement | null)?.options.length === 2)
  return { page, errors }
}

async function forecast(page: Page, task: string, resamples: number): Promise<void> {
  await page.locator('[data-testid=forecast-task]').selectOption(task)
  await page.locator('input[type=number]').fill(String(resamples))
  await page.locator('[data-testid=forecast-run]').click()
  await page.waitForFunction((t) => document.querySelector('[data-testid=forecast-result] h2')?.textContent?.includes(t) === true, task, { timeout: 90_000 })
}

describe('Forecast view', () => {
  it('forecasts a predictable task with intervals and charts, refuses a noisy one, and tables every task (light, English)', async () => {
    const { page, errors } = await open({ colorScheme: 'light', locale: 'en-US' })
    expect(await page.locator('[data-testid=forecast-target-params]').inputValue()).toBe('13.2B')
    await forecast(page, 'hellaswag_val', 20)
    expect(await page.textContent('[data-testid=forecast-verdict]')).toBe('predictable')
    expect(await page.textContent('[data-testid=forecast-accuracy]')).toBe('0.853')
    expect(await page.textContent('[data-testid=forecast-numbers]')).toMatch(/95% bootstrap intervals from 20 of 20 resamples/)
    await page.waitForSelector('[data-testid=forecast-result] svg path', { state: 'attached' })
    expect(await page.locator('[data-testid=forecast-result] svg').count()).toBeGreaterThanOrEqual(2)
    await page.screenshot({ path: join(ARTIFACTS, 'forecast-predictable.png') })

    await forecast(page, 'arc_challenge_test', 20)
    expect(await page.textContent('[data-testid=forecast-verdict]')).toBe('noisy')
    expect(await page.locator('[data-testid=forecast-numbers]').count()).toBe(0)
    expect(await page.textContent('[data-testid=forecast-refused]')).toMatch(/No forecast: the task is noisy/)
    expect(await page.textContent('[data-testid=forecast-reasons]')).toMatch(/task-loss CV 0\.40% > 0\.30%/)

    await page.locator('[data-testid=forecast-table-run]').click()
    await page.waitForSelector('[data-testid=forecast-table-row]', { timeout: 90_000 })
    const rows = await page.locator('[data-testid=forecast-table-row]').allTextContents()
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatch(/arc_challenge_test\s*noisy\s*peteish13_eval_final/)
    // predicted minus actual: +2.11 points, the paper's HellaSwag error at 13B-5T (SOURCE.md, chained_main.csv)
    expect(rows[1]).toMatch(/hellaswag_val\s*predictable\s*peteish13_eval_final.*0\.853\s*0\.8319\s*\+2\.11/)
    await page.screenshot({ path: join(ARTIFACTS, 'forecast-table.png'), fullPage: true })
    expect(errors).toEqual([])
  }, 240_000)

  it('speaks Chinese in the dark theme', async () => {
    const { page, errors } = await open({ colorScheme: 'dark', locale: 'zh-CN' })
    await forecast(page, 'hellaswag_val', 0)
    expect(await page.textContent('[data-testid=forecast-verdict]')).toBe('可预测')
    expect(await page.textContent('h1')).toBe('预测')
    await page.waitForSelector('[data-testid=forecast-result] svg path', { state: 'attached' })
    await page.screenshot({ path: join(ARTIFACTS, 'forecast-dark-zh.png') })
    await forecast(page, 'arc_challenge_test', 0)
    expect(await page.textContent('[data-testid=forecast-verdict]')).toBe('噪声大')
    await page.screenshot({ path: join(ARTIFACTS, 'forecast-dark-zh-refused.png') })
    expect(errors).toEqual([])
  }, 240_000)
})
