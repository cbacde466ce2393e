// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Emergence, Calibration and Inverse-scaling views on the demo project (real Pythia results,
 * resources/demo) plus GPT-2 BoolQ per-example predictions imported through the CLI (test fixture,
 * test/fixtures/calibration/PROVENANCE.md). Checks what issue 4 says the demo shows: the arithmetic jump between
 * 1.4B and 2.8B, Pythia task curves by shape, calibration per size; light and dark, English and Chinese.
 * Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, runCliSync, startLabSession, type LabSession } from './harness'

const BOOLQ = join(ROOT, 'test', 'fixtures', 'calibration', 'boolq_gpt2_per_example.csv')

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''


beforeAll(async () => {
  lab = await startLabSession('analysis', undefined, (catalog) => runCliSync(['import', BOOLQ, '--format', 'predictions', '--project', 'Demo: Pythia', '--catalog', catalog]))
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function open(route: string, opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US' })
  await page.goto(url)
  await page.waitForSelector('nav')
  await page.goto(`${url.split('?')[0]}#/${route}`)
  return { page, errors }
}

describe('analysis views in the browser', () => {
  it('Emergence: finds the arithmetic jump between 1.4B and 2.8B and draws it', async () => {
    const { page, errors } = await open('emergence')
    await page.waitForSelector('[data-testid=emergence-task]')
    expect(await page.locator('[data-testid=emergence-task]').inputValue()).toBe('arithmetic_addition_2operand_x1_0to99')
    const result = page.locator('[data-testid=emergence-result]').first()
    await result.waitFor({ timeout: 60_000 })
    expect(await result.locator('[data-testid=emergence-kind]').textContent()).toBe('emergent')
    const text = await result.textContent()
    expect(text).toContain('1.48B')
    expect(text).toContain('pythia-1.4b-deduped')
    expect(text).toContain('pythia-2.8b-deduped')
    await page.waitForSelector('[data-testid=emergence-result] svg path', { state: 'attached' })
    expect(await result.locator('svg path').count()).toBeGreaterThan(10)
    await page.waitForTimeout(1200) // let the chart's entry animation finish before the screenshot
    await page.screenshot({ path: join(ARTIFACTS, 'emergence.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Inverse scaling: groups the Pythia task curves by shape, lambada and piqa positive', async () => {
    const { page, errors } = await open('inverse-scaling', { colorScheme: 'dark' })
    const positive = page.locator('[data-testid=trend-group-positive]')
    await positive.waitFor({ timeout: 60_000 })
    const text = await positive.textContent()
    expect(text).toContain('lambada_openai')
    expect(text).toContain('piqa')
    await page.waitForSelector('[data-testid=trend-group-positive] svg path', { state: 'attached' })
    await page.waitForTimeout(1200)
    await page.screenshot({ path: join(ARTIFACTS, 'inverse-scaling-dark.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Calibration: GPT-2 BoolQ per size with ECE, in Chinese', async () => {
    const { page, errors } = await open('calibration', { locale: 'zh-CN' })
    const tasks = page.locator('[data-testid=calibration-task]')
    await tasks.first().waitFor({ timeout: 120_000 })
    expect(await tasks.count()).toBe(2)
    // 1-shot gpt2-xl: ECE 0.0110 with 10 equal-width bins (scripts/reference/analysis-calibration.py)
    const ece = await tasks.nth(1).locator('[data-testid=calibration-ece]').allTextContents()
    expect(ece).toHaveLength(4)
    expect(ece[3]).toMatch(/^0\.011 /)
    expect(await page.textContent('h1')).toBe('校准')
    await page.waitForSelector('[data-testid=calibration-task] svg path', { state: 'attached' })
    await page.waitForTimeout(1200)
    await page.screenshot({ path: join(ARTIFACTS, 'calibration-zh.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
