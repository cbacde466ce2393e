// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: start `scaling-lab serve` on a fresh catalog, open it in Chromium (playwright-core), import a CSV
 * through the UI (file input), see its runs in the table, open one, see a drawn chart, save screenshots.
 * Needs the built renderer (npm run build) and /usr/bin/chromium (apt-get install chromium).
 * Fixture: test/fixtures/e2e/pythia-lambada-long.csv (3 Pythia runs x 27 checkpoints, see PROVENANCE.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, startLabSession, type LabSession } from './harness'

const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'pythia-lambada-long.csv')

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''


beforeAll(async () => {
  lab = await startLabSession('catalog')
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function openPage(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US', failedResponses: true })
  await page.goto(url)
  return { page, errors }
}

describe('catalog import in the browser', () => {
  it('imports a CSV through the UI, lists its runs and draws a run chart', async () => {
    const { page, errors } = await openPage()
    // the token leaves the address bar once read
    await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')
    expect(page.url()).not.toContain('token=')

    await page.setInputFiles('[data-testid=import-file]', FIXTURE)
    await page.waitForSelector('[data-testid=import-preview]')
    // the preview names the detected shape (long step log) in the format select
    expect(await page.locator('[data-testid=import-format] option:checked').textContent()).toContain('long')
    await page.screenshot({ path: join(ARTIFACTS, 'import-preview.png') })

    await page.click('[data-testid=import-start]')
    const summary = page.locator('[data-testid=import-summary]')
    await summary.waitFor()
    // 3 runs (pythia-70m, -410m, -1.4b) x 27 checkpoints = 81 points, per the fixture's PROVENANCE.md
    expect(await summary.textContent()).toContain('3 runs, 81 points')
    await page.click('[data-testid=import-close]')

    const table = page.locator('[data-testid=runs-table]')
    for (const name of ['e2e-pythia-70m', 'e2e-pythia-410m', 'e2e-pythia-1.4b']) await table.getByRole('link', { name, exact: true }).waitFor()
    await page.fill('[data-testid=run-filter]', 'e2e-')
    expect(await table.locator('tbody tr').count()).toBe(3)
    await page.screenshot({ path: join(ARTIFACTS, 'catalog.png') })

    await table.getByRole('link', { name: 'e2e-pythia-1.4b', exact: true }).click()
    await page.waitForSelector('[data-testid=run-name]')
    expect(await page.textContent('[data-testid=run-name]')).toBe('e2e-pythia-1.4b')
    // a drawn chart: the SVG renderer's curve paths exist (attached; visibility is up to layout)
    await page.waitForSelector('[data-testid=run-chart] svg path', { state: 'attached' })
    expect(await page.locator('[data-testid=run-chart] svg path').count()).toBeGreaterThan(5)
    await page.screenshot({ path: join(ARTIFACTS, 'run.png') })

    expect(errors).toEqual([])
    await page.context().close()
  })

  it('refuses a broken CSV with its location and leaves the catalog as it was', async () => {
    const { page } = await openPage()
    await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')
    const before = await page.locator('[data-testid=runs-table] tbody tr').count()
    // dropped onto the view (drag and drop anywhere in the Catalog)
    // (a string, evaluated in the page: this file is type-checked without the DOM library)
    const dataTransfer = await page.evaluateHandle(`(() => {
      const dt = new DataTransfer()
      dt.items.add(new File(['run,step,metric,value\\na,1,loss,2.5\\nb,2,loss\\n'], 'ragged.csv', { type: 'text/csv' }))
      return dt
    })()`)
    await page.dispatchEvent('.catalog', 'dragenter', { dataTransfer })
    await page.waitForSelector('[data-testid=drop-overlay]')
    await page.dispatchEvent('.catalog', 'drop', { dataTransfer })
    // the preview may already refuse the file; otherwise the import does
    await page.waitForSelector('[data-testid=import-preview], [data-testid=import-error]')
    if (await page.locator('[data-testid=import-start]').isVisible()) await page.click('[data-testid=import-start]')
    const error = page.locator('[data-testid=import-error]')
    await error.waitFor()
    // file:line - the ragged row is line 3
    expect(await error.textContent()).toMatch(/ragged\.csv:3/)
    await page.screenshot({ path: join(ARTIFACTS, 'import-error.png') })
    await page.click('[data-testid=import-close]')
    expect(await page.locator('[data-testid=runs-table] tbody tr').count()).toBe(before)
    await page.context().close()
  })

  it("shows a demo run's task evaluations: a chart per task and the final-checkpoint table", async () => {
    const { page, errors } = await openPage()
    // the fresh catalog seeded the demo project (resources/demo): Pythia runs with evaluations, no metric series
    const table = page.locator('[data-testid=runs-table]')
    await table.getByRole('link', { name: 'pythia-1.4b', exact: true }).click()
    await page.waitForSelector('[data-testid=run-name]')
    expect(await page.textContent('[data-testid=run-name]')).toBe('pythia-1.4b')
    await page.waitForSelector('[data-testid=run-eval-chart] svg path', { state: 'attached' })
    // pythia_v1_lambada_piqa_zeroshot.csv has two tasks for this run: lambada_openai and piqa
    const charts = page.locator('[data-testid=run-eval-chart]')
    expect(await charts.count()).toBe(2)
    expect(await charts.first().textContent()).toContain('lambada_openai')
    expect(await page.locator('[data-testid=run-eval-chart] svg path').count()).toBeGreaterThan(10)
    // the final checkpoint (step 143000, 300B tokens): lambada_openai accuracy 0.6161459 ± 0.0067754 in the demo CSV
    const finals = page.locator('[data-testid=run-eval-table] tbody tr')
    expect(await finals.count()).toBe(2)
    const lambada = (await finals.first().textContent()) ?? ''
    expect(lambada).toContain('lambada_openai')
    expect(lambada).toContain('0.6161')
    expect(lambada).toContain('± 0.0068')
    expect(lambada).toContain('300B')
    await page.screenshot({ path: join(ARTIFACTS, 'run-evaluations.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('renders in dark theme and in Simplified Chinese', async () => {
    const { page, errors } = await openPage({ colorScheme: 'dark', locale: 'zh-CN' })
    await page.waitForSelector('[data-testid=runs-table]')
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark')
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    expect(await page.textContent('nav')).toContain('目录')
    await page.screenshot({ path: join(ARTIFACTS, 'catalog-dark-zh.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
