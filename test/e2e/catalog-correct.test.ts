// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: correcting the catalog. A W&B runs table whose parameter column the importer does not recognise
 * (`model_cfg.size`, 24 real Chinchilla runs: scripts/reference/wandb-runs-model-cfg.py) is imported through the
 * UI; the Scaling view finds no usable run though it names the loss ("final loss"); the same file is imported
 * again with params mapped to that column, the dialog asking before it replaces the earlier import; Kaplan L(N)
 * then fits the 24 runs. Then one run's parameters are edited in the run page and the edit shows in its history.
 * Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { Catalog } from '../../src/core/catalog'
import { ARTIFACTS, ROOT, clickNavEntry, newLabPage, startLabSession, type LabSession } from './harness'

const FIXTURE = join(ROOT, 'test', 'fixtures', 'catalog', 'wandb-runs-model-cfg.csv')

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  // an empty project of the user's own: the app opens it rather than the demo project
  lab = await startLabSession('correct', (catalog) => {
    const c = new Catalog(catalog)
    c.ensureProject('W&B sweep')
    c.close()
  })
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function openPage(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US', failedResponses: true })
  await page.goto(url)
  await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')
  return { page, errors }
}

const base = (): string => url.split('?')[0]

async function importFixture(page: Page): Promise<void> {
  await clickNavEntry(page, 'catalog')
  await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')
  await page.setInputFiles('[data-testid=import-file]', FIXTURE)
  await page.waitForSelector('[data-testid=import-preview]')
}

describe('correcting the catalog in the browser', () => {
  it('re-imports a runs table with a corrected mapping, confirming the replace, then fits Kaplan L(N)', { timeout: 400_000 }, async () => {
    const { page, errors } = await openPage()
    await importFixture(page)
    expect(await page.locator('[data-testid=import-earlier]').count()).toBe(0)
    await page.click('[data-testid=import-start]')
    await page.locator('[data-testid=import-summary]').waitFor()
    expect(await page.textContent('[data-testid=import-summary]')).toContain('24 runs')
    await page.click('[data-testid=import-close]')
    // the Catalog's Loss column names the metric it reads: the project's loss metric
    await page.waitForFunction(() => document.querySelector('[data-column=loss]')?.textContent?.includes('Loss (final loss)'))

    // no parameters were recognised: the Scaling view has no point, but it says which metric is the loss
    await clickNavEntry(page, 'scaling')
    await page.waitForSelector('[data-testid=scaling-empty]')
    expect(await page.textContent('[data-testid=scaling-empty]')).toContain('"final loss"')
    expect(await page.locator('[data-testid=fit-loss-metric] option:checked').textContent()).toBe('final loss')
    expect(await page.textContent('[data-testid=loss-metric-source]')).toMatch(/picked by preference/)

    // the same file again: the dialog says it was imported before, and the mapping is corrected
    await importFixture(page)
    await page.locator('[data-testid=import-earlier]').waitFor()
    expect(await page.textContent('[data-testid=import-earlier]')).toMatch(/imported into this project before: import #1 of wandb-runs-model-cfg\.csv/)
    expect(await page.locator('[data-testid=import-start]').count()).toBe(0)
    await page.selectOption('.mapping select.add', 'params')
    await page.selectOption('[data-field=params]', 'model_cfg.size')
    await page.waitForFunction(() => !document.querySelector('[data-testid=import-preview]')?.classList.contains('stale'))
    expect(await page.locator('[data-field=params] option:checked').textContent()).toBe('model_cfg.size')
    await page.click('[data-testid=import-replace]')
    expect(await page.textContent('[data-testid=import-replace-question]')).toContain('Replace import #1?')
    await page.screenshot({ path: join(ARTIFACTS, 'import-replace.png') })
    await page.click('[data-testid=import-replace-confirm]')
    await page.locator('[data-testid=import-summary]').waitFor()
    expect(await page.textContent('[data-testid=import-summary]')).toContain('24 runs')
    expect(await page.textContent('[data-testid=import-replaced]')).toContain('Replaced import #1')
    await page.click('[data-testid=import-close]')

    // Kaplan L(N) on the 24 runs, the loss named
    await clickNavEntry(page, 'scaling')
    await page.waitForSelector('[data-testid=scaling-chart] svg path', { state: 'attached' })
    await page.selectOption('[data-testid=fit-law]', 'kaplan-n')
    const alpha = page.locator('[data-testid=fit-params] tr[data-param="alpha_N"] [data-testid=param-value]')
    await alpha.waitFor({ timeout: 120_000 })
    expect(await page.textContent('[data-testid=excluded-count]')).toContain('0 of 24')
    expect(Number(await alpha.textContent())).toBeGreaterThan(0)
    expect(await page.locator('[data-testid=fit-loss-metric] option:checked').textContent()).toBe('final loss')
    await page.screenshot({ path: join(ARTIFACTS, 'scaling-loss-metric.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it("edits a run's parameters in the run page and lists the edit in its history", { timeout: 200_000 }, async () => {
    const c = new Catalog(lab!.catalog)
    const run = c.findRun(c.getProject('W&B sweep')!.id, 'chinchilla-fig4-00')!
    c.close()
    const { page, errors } = await openPage()
    await page.goto(`${base()}#/runs/${run.id}`)
    await page.waitForSelector('[data-testid=run-facts]')
    // model_cfg.size of this run is "1.73B"
    expect(await page.textContent('[data-testid=run-facts]')).toContain('1.73B')
    expect(await page.textContent('[data-testid=run-edit-history]')).toContain('No edits yet')
    await page.click('[data-testid=run-edit]')
    await page.fill('[data-testid=run-edit-form] [data-field=params]', 'lots')
    expect(await page.textContent('[data-testid=run-edit-problems]')).toContain('"lots" is not a positive number')
    expect(await page.isDisabled('[data-testid=run-edit-save]')).toBe(true)
    await page.fill('[data-testid=run-edit-form] [data-field=params]', '1.4B')
    await page.fill('[data-testid=run-edit-form] [data-field=family]', 'Chinchilla')
    await page.click('[data-testid=run-edit-save]')
    await page.waitForSelector('[data-testid=run-edit-saved]')
    expect(await page.textContent('[data-testid=run-edit-saved]')).toContain('Saved 2 change(s)')
    // the table gave FLOPs and no tokens: the importer derived D = C / 6N, derived again for the corrected size
    expect(await page.textContent('[data-testid=run-edit-saved]')).toContain('The tokens, derived on import, were derived again from the corrected fields (D = C / 6N')
    expect(await page.textContent('[data-testid=run-facts]')).toContain('1.4B')
    const history = page.locator('[data-testid=run-edit-history] tbody tr')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=run-edit-history] tbody tr').length === 3)
    expect(await history.nth(0).textContent()).toMatch(/Tokens/)
    expect(await history.nth(1).textContent()).toMatch(/Params.*1\.73B.*1\.4B/)
    expect(await history.nth(2).textContent()).toMatch(/Family.*\(empty\).*Chinchilla/)
    await page.screenshot({ path: join(ARTIFACTS, 'run-edit.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('shows the run page and the loss-metric control in dark theme and Simplified Chinese', { timeout: 200_000 }, async () => {
    const { page, errors } = await openPage({ colorScheme: 'dark', locale: 'zh-CN' })
    await clickNavEntry(page, 'scaling')
    await page.waitForSelector('[data-testid=scaling-chart] svg path', { state: 'attached' })
    expect(await page.textContent('[data-testid=fit-controls]')).toContain('损失 =')
    await page.screenshot({ path: join(ARTIFACTS, 'scaling-loss-metric-dark-zh.png') })
    const c = new Catalog(lab!.catalog)
    const run = c.findRun(c.getProject('W&B sweep')!.id, 'chinchilla-fig4-00')!
    c.close()
    await page.goto(`${base()}#/runs/${run.id}`)
    await page.waitForSelector('[data-testid=run-edit-history] tbody tr')
    expect(await page.textContent('[data-testid=run-edit-history]')).toContain('修改历史')
    await page.click('[data-testid=run-edit]')
    await page.screenshot({ path: join(ARTIFACTS, 'run-edit-dark-zh.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
