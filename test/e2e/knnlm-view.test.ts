// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the kNN-LM view on the shipped demo (resources/demo-model): the next-token view for a prefix with
 * its nearest neighbours, a held-out evaluation as a job (brought into view, kept across a reload), the
 * datastore-size chart, the out-of-domain note for Chinese text; light and dark, English and Chinese. Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, newLabPage, openView, startLabSession, type LabSession } from './harness'
import { loadChinesePoetry } from '../../src/core/corpus/sources/chinese-poetry'

/** the opening of a Tang poem (the built-in chinese-poetry corpus) */
const POEM = loadChinesePoetry({ dynasties: ['tang'] })[0]!.text.slice(0, 24)


let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''


beforeAll(async () => {
  lab = await startLabSession('knnlm')
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function openKnnLm(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 1200 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US' })
  await openView(page, url, 'knnlm')
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
    // the evaluation was brought into view
    await expect.poll(() => page.locator('[data-testid=knnlm-eval]').evaluate((el) => el.getBoundingClientRect().top < window.innerHeight), { timeout: 10_000 }).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'knnlm.png'), fullPage: true })
    // and kept across a reload, marked as kept
    await page.reload()
    await page.waitForSelector('[data-testid=knnlm-eval-kept]', { timeout: 60_000 })
    expect(await page.textContent('[data-testid=knnlm-eval]')).toContain(`LM ${m![1]} → kNN-LM ${m![2]}`)
    expect(await page.isChecked('[data-testid=setting-adaptation]')).toBe(true)
    expect(errors).toEqual([])
    await page.context().close()
  }, 240_000)

  it('notes a Chinese prefix as out of the English datastore\'s domain, and names byte tokens instead of showing U+FFFD', async () => {
    const { page, errors } = await openKnnLm()
    await page.fill('[data-testid=knnlm-prefix]', POEM)
    const note = page.locator('[data-testid=knnlm-out-of-domain]')
    await note.waitFor({ timeout: 30_000 })
    const ratio = Number(/is ([\d.]+)× farther/.exec((await note.textContent()) ?? '')?.[1])
    expect(ratio).toBeGreaterThanOrEqual(20)
    const next = (await page.textContent('[data-testid=knnlm-next]')) ?? ''
    expect(next).not.toContain('\uFFFD')
    await page.screenshot({ path: join(ARTIFACTS, 'knnlm-out-of-domain.png'), fullPage: true })
    // English text of the datastore's own genre: no note, the distance ratio instead
    await page.fill('[data-testid=knnlm-prefix]', 'The jury said it would')
    await page.locator('[data-testid=knnlm-domain-distance]').waitFor({ timeout: 30_000 })
    expect(await note.count()).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  }, 120_000)

  it('reads in dark theme and Simplified Chinese', async () => {
    const { page, errors } = await openKnnLm({ colorScheme: 'dark', locale: 'zh-CN' })
    expect(await page.textContent('[data-testid=knnlm-next]')).toContain('仅语言模型')
    expect(await page.textContent('aside')).toContain('领域迁移')
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark')
    await page.fill('[data-testid=knnlm-prefix]', POEM)
    expect(await page.locator('[data-testid=knnlm-out-of-domain]').textContent({ timeout: 30_000 })).toContain('超出领域')
    await page.screenshot({ path: join(ARTIFACTS, 'knnlm-dark.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.context().close()
  }, 120_000)
})
