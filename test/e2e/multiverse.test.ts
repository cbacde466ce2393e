// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Scaling view's robustness audit and stored-fit provenance on 30 of the Chinchilla replication runs
 * (test/fixtures/multiverse, see its PROVENANCE.md), imported and fitted twice with the CLI before `scaling-lab serve`
 * starts (the second fit leaves one run out). Runs the audit (cancel first, then to the end), reads the specification
 * curve, its choice matrix, spread and most influential choice, switches the quantity, exports the table as CSV and
 * LaTeX and the figure as SVG; compares the two stored fits and re-derives one bit for bit. Screenshots in both themes
 * and both languages at 1440x900 go to test/e2e/artifacts. Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, openView, runCliSync, startLabSession, type LabSession } from './harness'

const FIXTURE = join(ROOT, 'test', 'fixtures', 'multiverse', 'chinchilla-slice.csv')
let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  lab = await startLabSession('multiverse', (catalog) => {
    runCliSync(['import', FIXTURE, '--catalog', catalog, '--project', 'Slice'])
    runCliSync(['fit', 'chinchilla', '--catalog', catalog, '--project', 'Slice'])
    runCliSync(['fit', 'chinchilla', '--exclude', 'chinchilla-5', '--catalog', catalog, '--project', 'Slice'])
  })
  ;({ browser, url } = lab)
}, 300_000)

afterAll(async () => {
  await lab?.close()
})

async function openScaling(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<Page> {
  const { page } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US' })
  await openView(page, url, 'scaling')
  await page.waitForSelector('[data-testid=scaling-chart] svg path', { state: 'attached' })
  return page
}

async function runAudit(page: Page): Promise<void> {
  await page.click('[data-testid=audit-run]')
  await page.waitForSelector('[data-testid=audit-summary]', { timeout: 240_000 })
  await page.waitForSelector('[data-testid=audit-chart] svg path', { state: 'attached' })
}

describe('the robustness audit in the Scaling view', () => {
  it('cancels, then runs to a specification curve with its choices, spread and most influential choice, and exports', { timeout: 400_000 }, async () => {
    const page = await openScaling()
    await page.click('[data-testid=audit-run]')
    await page.click('[data-testid=audit-cancel]')
    await page.waitForSelector('[data-testid=audit-cancelled]', { timeout: 60_000 })
    expect(await page.locator('[data-testid=audit-summary]').count()).toBe(0)

    await runAudit(page)
    const summary = (await page.textContent('[data-testid=audit-summary]')) ?? ''
    expect(summary).toMatch(/^\d+ specifications on 30 runs at 5\.76e23/)
    // one dot-matrix row per choice level: the approaches and estimators at least
    const svg = (await page.innerHTML('[data-testid=audit-chart] .chart-host, [data-testid=audit-chart]')) ?? ''
    for (const row of ['Approach: 3', 'Estimator: huber-mle', 'Estimator: least-squares', 'Points: drop-top-5', 'Start: hoffmann']) expect(svg).toContain(row)
    expect(await page.textContent('[data-testid=audit-spread]')).toMatch(/Tokens per parameter: [0-9.]+ to [0-9.]+/)
    expect(await page.textContent('[data-testid=audit-influential]')).toMatch(/Most influential choice: \w+/)
    await page.click('[data-testid=audit-levels] summary')
    expect(await page.textContent('[data-testid=audit-levels]')).toMatch(/below the top of the lowest budget decade: 1e\+19 FLOPs/)
    await page.click('[data-testid=audit-levels] summary')
    await page.click('[data-testid=audit-skipped] summary')
    expect(await page.textContent('[data-testid=audit-skipped]')).toMatch(/flops=6ND: every run's tokens were derived from its recorded FLOPs/)
    await page.locator('[data-testid=audit-panel]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(ARTIFACTS, 'multiverse-light-en.png') })

    await page.selectOption('[data-testid=audit-quantity]', 'a')
    await page.waitForFunction(() => (document.querySelector('[data-testid=audit-chart]')?.innerHTML ?? '').includes('a (N_opt'))

    await page.click('[data-testid=audit-chart] [data-testid=figure-export]')
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()])
    const csvText = readFileSync((await csv.path())!, 'utf8')
    expect(csvText.split('\r\n')[0]).toBe('id,approach,estimator,points,n_definition,flops,start,n_points,a,b,tokens_per_param,loss_at_budget,converged')
    const [tex] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /LaTeX/ }).click()])
    expect(readFileSync((await tex.path())!, 'utf8')).toMatch(/\\toprule[\s\S]*huber-1e-3/)
    const [fig] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'SVG (vector)' }).click()])
    expect(readFileSync((await fig.path())!, 'utf8')).toContain('<svg')
  })

  it('reads in dark and in Chinese', { timeout: 400_000 }, async () => {
    const page = await openScaling({ colorScheme: 'dark', locale: 'zh-CN' })
    await runAudit(page)
    expect(await page.textContent('[data-testid=audit-panel] h2')).toBe('稳健性审计')
    await page.locator('[data-testid=audit-panel]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(ARTIFACTS, 'multiverse-dark-zh.png') })
  })
})

describe('stored fits compared and re-derived in the Scaling view', () => {
  it('says which run the second fit left out, and re-derives a fit bit for bit', { timeout: 300_000 }, async () => {
    const page = await openScaling()
    // the stored fits are listed once the view has read them
    const options = (): Promise<string[]> => page.locator('[data-testid=provenance-a] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
    await expect.poll(async () => (await options()).length, { timeout: 30_000 }).toBe(2)
    const ids = await options()
    // listed newest first: the fit without chinchilla-5, then the fit on all 30 runs
    await page.selectOption('[data-testid=provenance-a]', ids[1])
    await page.selectOption('[data-testid=provenance-b]', ids[0])
    await page.click('[data-testid=provenance-compare]')
    await page.waitForSelector('[data-testid=provenance-result]')
    const text = (await page.textContent('[data-testid=provenance-result]')) ?? ''
    expect(text).toContain('Removed: chinchilla-5')
    expect(text).toMatch(/excluded/)
    await page.click('[data-testid=provenance-rederive]')
    await page.waitForSelector('[data-testid=rederive-verdict]', { timeout: 240_000 })
    expect(await page.textContent('[data-testid=rederive-verdict]')).toContain('identical, bit for bit')
    expect(await page.textContent('[data-testid=provenance-result]')).toContain('The data are unchanged since the fit')
    await page.locator('[data-testid=provenance-panel]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(ARTIFACTS, 'provenance-light-en.png') })
  })
})
