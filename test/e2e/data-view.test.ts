// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Data view on `scaling-lab serve` in Chromium: clean two Brown genres plus an uploaded HTML
 * page with an evaluation text, read the funnel (drawn chart, stage table, removed examples), then the same
 * view in dark theme and Simplified Chinese, and a binary upload refused with a message that names the file.
 * Needs the built renderer and workers (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, openView, paintedFrames, startLabSession, type LabSession } from './harness'

const PAGE_FIXTURE = join(ROOT, 'test', 'fixtures', 'corpus', 'page.html')

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''


beforeAll(async () => {
  lab = await startLabSession('data')
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function openData(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US' })
  await openView(page, url, 'data')
  await page.waitForSelector('[data-testid=clean-form]', { timeout: 60_000 })
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
    await page.waitForSelector('[data-testid=mode-removed]:checked')
    await paintedFrames(page) // the chart draws the switch in its next frame (no animation: the page asks for reduced motion)
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
