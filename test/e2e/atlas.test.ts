// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Atlas view. On a catalog with the user's own project (the Chinchilla points, Epoch AI's
 * reconstruction of Hoffmann et al. 2022 Fig. 4), the five entries show with paper, licence and runs; "Open as
 * project" copies datablations into the catalog as a read-only project; its claims table shows R_D* against the
 * notebook's 15.388 and agreement; the chart puts the atlas runs and the user's on the same axes with a legend that
 * names both and their loss. Looked at in both themes and both languages. Needs the build and /usr/bin/chromium.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, openView, runCliSync, startLabSession, type LabSession } from './harness'

const FIXTURE = join(ROOT, 'test', 'fixtures', 'chinchilla', 'svg_extracted_data.csv')
let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  lab = await startLabSession('atlas', (catalog) => runCliSync(['import', FIXTURE, '--catalog', catalog, '--project', 'Chinchilla']))
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

describe('the Atlas view', () => {
  it('lists the entries, opens datablations read-only, shows its claims and plots it beside the user project', async () => {
    const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 } })
    await openView(page, url, 'atlas')
    const rows = page.locator('[data-testid^=atlas-entry-]')
    await expect.poll(() => rows.count()).toBe(5)
    await expect.poll(() => page.locator('[data-testid=atlas-entry-datablations]').innerText()).toMatch(/Muennighoff et al\. 2023[\s\S]*Apache-2\.0[\s\S]*182/)

    await page.click('[data-testid=atlas-open-datablations]')
    await expect.poll(() => page.locator('[data-testid=atlas-open-message]').innerText()).toMatch(/read-only project “Atlas: Data-constrained scaling” \(182 runs\)/)
    await expect.poll(() => page.locator('[data-testid=atlas-open-state-datablations]').count()).toBe(1)

    await page.click('[data-testid=atlas-claims-datablations]')
    const first = page.locator('[data-testid=atlas-claim]').first()
    await first.waitFor({ timeout: 60_000 })
    expect(await first.innerText()).toMatch(/R_D\*[\s\S]*15\.388[\s\S]*15\.37/)
    expect(await page.locator('[data-testid=atlas-agreement]').first().innerText()).toMatch(/agrees[\s\S]*within 1%/)
    expect(await page.locator('[data-testid=atlas-notes]').innerText()).toMatch(/wider start grid/)

    await page.selectOption('[data-testid=atlas-compare-project]', { label: 'Chinchilla' })
    await page.selectOption('[data-testid=atlas-compare-atlas]', 'datablations')
    await page.waitForSelector('[data-testid=atlas-chart] svg path', { state: 'attached' })
    const legend = await page.locator('[data-testid=atlas-chart] svg').innerHTML()
    expect(legend).toContain('Atlas · Data-constrained scaling — C4 validation loss')
    expect(legend).toContain('Yours · Chinchilla — loss = loss')
    await page.screenshot({ path: join(ARTIFACTS, 'atlas-light-en.png') })
    await page.locator('[data-testid=atlas-compare]').screenshot({ path: join(ARTIFACTS, 'atlas-compare-light-en.png') })
    expect(errors).toEqual([])
  }, 180_000)

  it('shows the same view in dark Chinese: no claim for Pythia and the reason; the chart against compute', async () => {
    const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: 'dark', locale: 'zh-CN' })
    await openView(page, url, 'atlas')
    await expect.poll(() => page.locator('h1').innerText()).toBe('缩放图谱')
    await page.click('[data-testid=atlas-claims-pythia]')
    await expect.poll(() => page.locator('[data-testid=atlas-no-claims]').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.locator('[data-testid=atlas-notes]').innerText()).toMatch(/No headline number of Biderman et al\. 2023/)
    await page.screenshot({ path: join(ARTIFACTS, 'atlas-dark-zh.png') })
    await page.selectOption('[data-testid=atlas-compare-atlas]', 'datablations')
    await page.selectOption('[data-testid=atlas-compare-axis]', 'flops')
    await page.waitForSelector('[data-testid=atlas-chart] svg path', { state: 'attached' })
    expect(await page.locator('[data-testid=atlas-chart] svg').innerHTML()).toContain('图谱 · Data-constrained scaling')
    await page.locator('[data-testid=atlas-compare]').screenshot({ path: join(ARTIFACTS, 'atlas-compare-dark-zh.png') })
    expect(errors).toEqual([])
  }, 120_000)
})
