// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the catalog table's metric columns, filter expression and Compare, on real Pythia evaluation logs
 * (test/fixtures/run-columns: LAMBADA and PIQA accuracy of five Pythia models, one logged against tokens only).
 * A metric column is added and sorted by, the filter expression keeps the runs it should (and a mistake in it is
 * shown under the box with its position, the filter left off), two runs are compared, and the columns are still
 * there after a reload. Screenshots of the catalog in both themes and both languages go to test/e2e/artifacts.
 * Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, runCliSync, startLabSession, type LabSession } from './harness'

const FIXTURES = join(ROOT, 'test', 'fixtures', 'run-columns')
const LAST = 'lambada_openai/acc:last'

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  lab = await startLabSession('columns', (catalog) => {
    for (const f of ['pythia-steps-long.csv', 'pythia-160m-tokens-long.csv']) runCliSync(['import', join(FIXTURES, f), '--project', 'Pythia evals', '--catalog', catalog])
  })
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function openPage(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US', failedResponses: true })
  await page.goto(url)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 5)
  return { page, errors }
}

async function addColumn(page: Page, metric: string, agg: string, at?: string): Promise<void> {
  if ((await page.locator('[data-testid=column-panel]').count()) === 0) await page.click('[data-testid=column-chooser]')
  await page.selectOption('[data-testid=column-metric]', metric)
  await page.selectOption('[data-testid=column-agg]', agg)
  if (at !== undefined) await page.fill('[data-testid=column-at]', at)
  await page.click('[data-testid=column-add]')
}

/** the run names in the table's order */
const names = (page: Page): Promise<string[]> => page.$$eval('[data-testid=runs-table] tbody tr .run-link', (as) => as.map((a) => a.textContent ?? ''))
/** a metric column's cells in the table's order, as numbers (null: no value) */
const cells = (page: Page, column: string): Promise<(number | null)[]> =>
  page.$$eval(`td[data-metric-column="${column}"]`, (tds) => tds.map((td) => (td.firstChild?.textContent?.trim() ?? '')).map((t) => (t === '—' || t === '-' || t === '' ? null : Number(t))))

async function waitForRows(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => document.querySelectorAll('[data-testid=runs-table] tbody tr').length === k, n)
}

describe('metric columns, filter expressions and compare in the catalog', () => {
  it('adds a metric column, sorts by it, filters with an expression, compares two runs', { timeout: 300_000 }, async () => {
    const { page, errors } = await openPage()
    await addColumn(page, 'lambada_openai/acc', 'last')
    await addColumn(page, 'piqa/acc', 'at', '20000')
    await page.click('[data-testid=column-chooser]')
    await page.waitForFunction((c) => !!document.querySelector(`th [data-column="${c}"]`), LAST)
    await page.waitForFunction(() => document.querySelectorAll('td[data-metric-column="lambada_openai/acc:last"]')[0]?.textContent?.trim() !== '—')

    // sort ascending, then descending, by the new column
    await page.click(`th [data-column="${LAST}"]`)
    await page.waitForFunction((c) => document.querySelector(`th [data-column="${c}"]`)?.closest('th')?.getAttribute('aria-sort') === 'ascending', LAST)
    expect(await names(page)).toEqual(['rc-pythia-70m', 'rc-pythia-70m-deduped', 'rc-pythia-160m', 'rc-pythia-410m', 'rc-pythia-1.4b'])
    const asc = await cells(page, LAST)
    expect(asc.every((v) => v !== null)).toBe(true)
    expect(asc).toEqual([...asc].sort((a, b) => a! - b!))
    await page.click(`th [data-column="${LAST}"]`)
    await page.waitForFunction(() => document.querySelector('[data-testid=runs-table] tbody tr .run-link')?.textContent === 'rc-pythia-1.4b')
    // the tokens-only run has no step axis: its at-step cell is read against tokens, and before its first point it is empty with a note
    const tokensRun = page.locator('tr:has(.run-link:text-is("rc-pythia-160m")) td[data-metric-column="piqa/acc:at=20000"]')
    expect(await tokensRun.getAttribute('title')).toContain('no point at or before 20K tokens')
    expect(await tokensRun.locator('sup').count()).toBe(1)

    // a filter expression on a run field and the metric column
    await page.fill('[data-testid=run-filter-expr]', `params > 1e8 and ${LAST} > 0.4`)
    await waitForRows(page, 2)
    expect((await names(page)).sort()).toEqual(['rc-pythia-1.4b', 'rc-pythia-410m'])
    expect(await page.textContent('[data-testid=run-filter-kept]')).toBe('filter: 2 of 5 runs')

    // a mistake: shown under the box with its position; the filter is left off
    await page.fill('[data-testid=run-filter-expr]', 'params > 1e8 and (famly = x')
    await page.locator('[data-testid=run-filter-error]').waitFor()
    const problem = (await page.textContent('[data-testid=run-filter-error]')) ?? ''
    expect(problem).toContain('unknown field "famly"')
    expect(problem).toContain('at column 19')
    expect(problem).toContain(' '.repeat(18) + '^')
    await waitForRows(page, 5)
    await page.screenshot({ path: join(ARTIFACTS, 'catalog-columns-filter-error.png') })

    // compare two runs
    await page.fill('[data-testid=run-filter-expr]', '')
    await page.click('tr:has(.run-link:text-is("rc-pythia-70m")) td.sel input')
    await page.click('tr:has(.run-link:text-is("rc-pythia-160m")) td.sel input')
    await page.click('[data-testid=compare-runs]')
    await page.locator('[data-testid=compare-table]').waitFor()
    expect(await page.$$eval('[data-testid=compare-table] thead th', (ths) => ths.map((th) => th.textContent?.trim()))).toEqual(['Field', 'rc-pythia-70m', 'rc-pythia-160m'])
    expect(await page.$$eval('[data-testid=compare-table] tbody tr[data-field=params] td', (tds) => tds.map((td) => td.textContent))).toEqual(['70426624', '162322944'])
    expect(await page.textContent('[data-testid=compare-equal]')).toMatch(/^10 fields are equal in every run: family, /)
    await page.screenshot({ path: join(ARTIFACTS, 'catalog-columns-compare.png') })
    await page.keyboard.press('Escape')

    // the columns are remembered for the project
    await page.reload()
    await page.waitForFunction((c) => !!document.querySelector(`th [data-column="${c}"]`), LAST)
    expect(await page.$$eval('th.metric-col .sort', (bs) => bs.map((b) => b.getAttribute('data-column')))).toEqual([LAST, 'piqa/acc:at=20000'])
    expect(errors).toEqual([])
  })

  it('looks right at 1440x900 in both themes and both languages', { timeout: 300_000 }, async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const locale of ['en-US', 'zh-CN']) {
        const { page, errors } = await openPage({ colorScheme, locale })
        await addColumn(page, 'lambada_openai/acc', 'max')
        await addColumn(page, 'piqa/acc', 'at_tokens', '30B')
        // the chooser open, then the table with the columns and a filter mistake under the box
        await page.screenshot({ path: join(ARTIFACTS, `catalog-columns-chooser-${colorScheme}-${locale}.png`) })
        await page.click('[data-testid=column-chooser]')
        expect(await page.$$eval('th.metric-col .sort', (bs) => bs.map((b) => b.getAttribute('data-column')))).toEqual(['lambada_openai/acc:max', 'piqa/acc:at_tokens=30B'])
        await page.fill('[data-testid=run-filter-expr]', 'family = Pythia and')
        await page.locator('[data-testid=run-filter-error]').waitFor()
        await page.screenshot({ path: join(ARTIFACTS, `catalog-columns-${colorScheme}-${locale}.png`) })
        expect(errors).toEqual([])
      }
    }
  })
})
