// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Scaling view on a catalog holding the Chinchilla sweep (test/fixtures/chinchilla/svg_extracted_data.csv,
 * 245 runs, see its PROVENANCE.md), imported with the CLI before `scaling-lab serve` starts. Fits the Approach-3 law,
 * leaves out the five highest-loss runs and sees the published replication values, undoes with Ctrl+Z, runs a
 * bootstrap fit as a job, excludes points by clicking them while the stored fit stays in sight, keeps all of it across
 * another view and a reload, checks typed fields beside the form and shows a failed fit's error once, and opens the
 * IsoFLOP tab. Pages ask for reduced motion, so charts do not animate and marks hold still for clicks. Saves screenshots.
 * Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, clickChartMark, clickNavEntry, newLabPage, openView, runCliSync, startLabSession, type LabSession } from './harness'

const FIXTURE = join(ROOT, 'test', 'fixtures', 'chinchilla', 'svg_extracted_data.csv')

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  lab = await startLabSession('scaling', (catalog) => runCliSync(['import', FIXTURE, '--catalog', catalog, '--project', 'Chinchilla']))
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function openScaling(opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US' })
  await openView(page, url, 'scaling')
  await page.waitForSelector('[data-testid=scaling-chart] svg path', { state: 'attached' })
  return { page, errors }
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const param = (page: Page, name: string) => page.locator(`[data-testid=fit-params] tr[data-param="${name}"] [data-testid=param-value]`)

/** Wait until a parameter's shown value differs from `before` and no preview is pending. */
async function changed(page: Page, name: string, before: string): Promise<string> {
  await page.waitForFunction(
    ([sel, old]) => {
      const el = document.querySelector(sel)
      const status = document.querySelector('[data-testid=fit-status]')?.textContent ?? ''
      return !!el && el.textContent !== old && !/Updating/.test(status)
    },
    [`[data-testid=fit-params] tr[data-param="${name}"] [data-testid=param-value]`, before] as const,
    { timeout: 120_000 },
  )
  return (await param(page, name).textContent()) ?? ''
}

describe('the Scaling view', () => {
  it('fits Approach 3, reproduces the 240-run replication when the 5 highest-loss runs are left out, and undoes', { timeout: 300_000 }, async () => {
    const { page, errors } = await openScaling()
    await page.selectOption('[data-testid=fit-law]', 'chinchilla')
    await param(page, 'E').waitFor({ timeout: 120_000 })
    await page.waitForFunction(() => !/Updating/.test(document.querySelector('[data-testid=fit-status]')?.textContent ?? ''), undefined, { timeout: 120_000 })
    const allE = (await param(page, 'E').textContent()) ?? ''
    expect(await page.textContent('[data-testid=excluded-count]')).toContain('0 of 245')
    // the law's curve: the main fit is drawn in the first palette colour (#0072B2) as line paths
    expect(await page.locator('[data-testid=scaling-chart] svg path[stroke="#0072B2"]').count()).toBeGreaterThan(0)

    await page.click('[data-testid=exclude-top]')
    expect(await page.textContent('[data-testid=excluded-count]')).toContain('5 of 245')
    // Besiroglu et al. 2024 (arXiv 2404.10102) refit on these 240 runs: E = 1.817, alpha = 0.3473 (grid, Huber sum);
    // the same targets as the check of the engine
    expect(await changed(page, 'E', allE)).toBe('1.817')
    expect(Number(await param(page, 'alpha').textContent())).toBeCloseTo(0.3473, 2)
    await page.screenshot({ path: join(ARTIFACTS, 'scaling-chinchilla.png') })

    await page.keyboard.press('Control+z')
    expect(await page.textContent('[data-testid=excluded-count]')).toContain('0 of 245')
    expect(await changed(page, 'E', '1.817')).toBe(allE)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('runs a bootstrap fit as a job, then excludes a clicked point and the parameters change', { timeout: 300_000 }, async () => {
    const { page, errors } = await openScaling({ colorScheme: 'dark' })
    await page.selectOption('[data-testid=fit-law]', 'kaplan-c')
    await page.fill('[data-testid=fit-bootstrap]', '40')
    await param(page, 'alpha_C').waitFor({ timeout: 120_000 })
    await page.click('[data-testid=fit-run]')
    await page.waitForSelector('[data-testid=fit-status].stored', { timeout: 180_000 })
    expect(await page.textContent('[data-testid=fit-status]')).toMatch(/Stored fit #\d+ · 40 resamples/)
    // standard errors and intervals from the bootstrap
    expect(await page.locator('[data-testid=fit-params] thead th').allTextContents()).toEqual(expect.arrayContaining(['SE', '95% interval']))
    await page.screenshot({ path: join(ARTIFACTS, 'scaling-bootstrap-dark.png') })

    // exports through FigurePanel: an SVG of the chart and the parameters with intervals as a LaTeX table
    await page.click('[data-testid=scaling-chart] [data-testid=figure-export]')
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'SVG (vector)' }).click()])
    expect(svg.suggestedFilename()).toMatch(/\.svg$/)
    const svgText = readFileSync((await svg.path())!, 'utf8')
    expect(svgText).toContain('<svg')
    expect(svgText).toContain('Kaplan L(C)')
    const [tex] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /LaTeX/ }).click()])
    const texText = readFileSync((await tex.path())!, 'utf8')
    expect(texText).toContain('\\toprule')
    expect(texText).toMatch(/alpha\\_C & [0-9.]+ & \[[0-9.]+, [0-9.]+\] & [0-9.]+/)
    // PNG and vector PDF at the single-column size (the menu's default): kept for a look, and the PDF's text layer
    // holds the residual axis name with its minus sign and hat
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /^PNG/ }).click()])
    await png.saveAs(join(ARTIFACTS, 'scaling-single-column.png'))
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /^PDF/ }).click()])
    const pdfFile = join(ARTIFACTS, 'scaling-single-column.pdf')
    await pdf.saveAs(pdfFile)
    expect(readFileSync(pdfFile, 'latin1').startsWith('%PDF-')).toBe(true)
    if (hasPdftotext()) expect(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).normalize('NFD')).toMatch(/ln L \u2212 ln L(\u0302|\u02c6)/)
    await page.click('[data-testid=scaling-chart] [data-testid=figure-export]')
    // the export menu is closed before the chart is clicked (an open menu would take the click)
    await page.locator('[data-testid=scaling-chart] [role=menu]').waitFor({ state: 'detached' })

    const before = (await param(page, 'alpha_C').textContent()) ?? ''
    const status = (await page.textContent('[data-testid=fit-status]')) ?? ''
    const fitId = /#(\d+)/.exec(status)![1]
    // a run's marker (scatter symbols are the vermillion paths; index 0 is the legend icon)
    const marker = (i: number) => page.locator('[data-testid=scaling-chart] svg path[fill="#D55E00"]').nth(i)
    const count = async (): Promise<string> => (await page.textContent('[data-testid=excluded-count]')) ?? ''
    await clickChartMark(page, marker(3), async () => (await count()).includes('1 of 245'))
    expect(await count()).toContain('1 of 245')
    const after = await changed(page, 'alpha_C', before)
    expect(after).not.toBe(before)
    // the stored fit no longer answers for what is shown: the quick fit follows, and the stored one stays drawn
    expect(await page.textContent('[data-testid=fit-status]')).toContain('Quick fit')
    expect(await page.textContent('[data-testid=stored-aside]')).toContain(`Stored fit #${fitId}`)
    const storedCurve = `Stored fit #${fitId} (as stored, 0 excluded)`
    expect(await page.textContent('[data-testid=scaling-chart] svg')).toContain(storedCurve)

    // a second exclusion keeps the first and the stored fit
    await clickChartMark(page, marker(40), async () => (await count()).includes('2 of 245'))
    await changed(page, 'alpha_C', after)
    expect(await page.textContent('[data-testid=scaling-chart] svg')).toContain(storedCurve)
    const twoExcluded = (await param(page, 'alpha_C').textContent()) ?? ''

    // another view and back: the same exclusions, quick fit and stored fit
    await clickNavEntry(page, 'catalog')
    await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')
    await clickNavEntry(page, 'scaling')
    await page.waitForSelector('[data-testid=scaling-chart] svg path', { state: 'attached' })
    expect(await count()).toContain('2 of 245')
    expect(await page.inputValue('[data-testid=fit-law]')).toBe('kaplan-c')
    expect(await page.inputValue('[data-testid=fit-bootstrap]')).toBe('40')
    expect(await page.textContent('[data-testid=stored-aside]')).toContain(`Stored fit #${fitId}`)
    expect(await param(page, 'alpha_C').textContent()).toBe(twoExcluded)

    // a reload: the remembered state, checked against the catalog, brings back the same
    await page.reload()
    await page.waitForSelector('[data-testid=scaling-chart] svg path', { state: 'attached' })
    await page.waitForFunction(() => /2 of 245/.test(document.querySelector('[data-testid=excluded-count]')?.textContent ?? ''), undefined, { timeout: 60_000 })
    await page.waitForSelector('[data-testid=stored-aside]', { timeout: 60_000 })
    await page.waitForFunction((v) => document.querySelector('[data-testid=fit-params] tr[data-param="alpha_C"] [data-testid=param-value]')?.textContent === v, twoExcluded, { timeout: 120_000 })
    await page.screenshot({ path: join(ARTIFACTS, 'scaling-kept-dark.png') })

    // and the stored fit comes back whole: its exclusions (none) and its intervals
    await page.click('[data-testid=stored-show]')
    await page.waitForSelector('[data-testid=fit-status].stored')
    expect(await count()).toContain('0 of 245')
    expect(await page.locator('[data-testid=stored-aside]').count()).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('says beside each field what is wrong with it, and shows a failed fit once', { timeout: 300_000 }, async () => {
    const { page, errors } = await openScaling({ locale: 'zh-CN' })
    await page.selectOption('[data-testid=fit-law]', 'kaplan-c')
    await param(page, 'alpha_C').waitFor({ timeout: 120_000 })
    await page.fill('[data-testid=fit-budget]', 'abc')
    expect(await page.textContent('[data-testid=fit-budget-message]')).toContain('“abc”不是计算量')
    expect(await page.getAttribute('[data-testid=fit-budget]', 'aria-invalid')).toBe('true')
    expect(await page.isDisabled('[data-testid=fit-run]')).toBe(true)
    // compute in PF-days, as the importer reads it
    await page.fill('[data-testid=fit-budget]', '3.1e8 PF-days')
    expect(await page.locator('[data-testid=fit-budget-message]').count()).toBe(0)
    await page.fill('[data-testid=fit-bootstrap]', '-5')
    expect(await page.textContent('[data-testid=fit-bootstrap-message]')).toContain('10000')
    expect(await page.isDisabled('[data-testid=fit-run]')).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'scaling-fields-zh.png') })
    await page.fill('[data-testid=fit-bootstrap]', '20')
    expect(await page.locator('[data-testid=fit-bootstrap-message]').count()).toBe(0)
    expect(await page.isDisabled('[data-testid=fit-run]')).toBe(false)

    // a backtest cut-off above every run: the quick fit fails, then the full fit fails the same way; one error on screen
    await page.fill('[data-testid=fit-cutoff]', '1e30')
    await page.waitForSelector('[data-testid=scaling-error]', { timeout: 120_000 })
    await page.click('[data-testid=fit-run]')
    await page.waitForSelector('[data-testid=fit-run]:not([disabled])', { timeout: 120_000 })
    await page.waitForFunction(() => !/…/.test(document.querySelector('[data-testid=fit-status]')?.textContent ?? ''), undefined, { timeout: 120_000 })
    const alerts = page.locator('[data-testid=scaling-view] [role=alert]')
    expect(await alerts.count()).toBe(1)
    expect(await alerts.first().textContent()).toMatch(/1\.000e\+30/)
    expect(await page.locator('.toasts .toast').count()).toBe(0)
    await page.fill('[data-testid=fit-cutoff]', '')
    await page.waitForSelector('[data-testid=scaling-error]', { state: 'detached', timeout: 120_000 })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('shows IsoFLOP profiles with their tolerance, vertices and frontier exponents, in Chinese', { timeout: 300_000 }, async () => {
    const { page, errors } = await openScaling({ locale: 'zh-CN' })
    await page.click('[data-testid=tab-isoflop]')
    await page.waitForSelector('[data-testid=isoflop-chart] svg path', { state: 'attached', timeout: 120_000 })
    await page.waitForSelector('[data-testid=isoflop-exponents]', { timeout: 120_000 })
    expect(await page.inputValue('[data-testid=isoflop-tolerance]')).toBe('0.05')
    const text = (await page.textContent('[data-testid=isoflop-exponents]')) ?? ''
    const [a, b] = [...text.matchAll(/C\^([0-9.]+)/g)].map((m) => Number(m[1]))
    // Approach 2 on this sweep: exponents near Hoffmann et al.'s 0.49 / 0.51 (Table 2) and a + b = 1 under C = 6ND
    expect(a).toBeGreaterThan(0.4)
    expect(a).toBeLessThan(0.6)
    expect(a + b).toBeCloseTo(1, 2)
    expect(await page.textContent('[data-testid=isoflop-panel]')).toContain('计算量分组')
    // every budget listed as used or skipped, with the reason, as scripts/reference/fit-isoflop.py decides (all 245 rows)
    const ref = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'chinchilla', 'isoflop-reference.json'), 'utf8')) as { budgets: { used: boolean; reason?: string }[] }
    const rows = page.locator('[data-testid=isoflop-budget]')
    expect(await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-used'), e.getAttribute('data-reason')]))).toEqual(ref.budgets.map((b) => [String(b.used), b.reason ?? '']))
    expect(await page.locator('[data-testid=isoflop-reason]').first().textContent()).toContain('极小值未被包围')
    expect(await page.getAttribute('[data-testid=fit-verdict]', 'data-verdict')).toBe('law')
    await page.screenshot({ path: join(ARTIFACTS, 'isoflop-zh.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('IsoFLOP honours the exclusions of the Law-fit tab and says so (dark, English)', { timeout: 300_000 }, async () => {
    const { page, errors } = await openScaling({ colorScheme: 'dark' })
    await page.click('[data-testid=tab-isoflop]')
    await page.waitForSelector('[data-testid=isoflop-budget]', { timeout: 120_000 })
    const runsListed = async (): Promise<number> => (await page.locator('[data-testid=isoflop-budget] td:nth-child(2)').allTextContents()).reduce((s, v) => s + Number(v), 0)
    const before = await runsListed()
    await page.click('[data-testid=tab-fit]')
    await page.click('[data-testid=exclude-top]')
    await page.click('[data-testid=tab-isoflop]')
    await page.waitForSelector('[data-testid=isoflop-excluded]', { timeout: 120_000 })
    expect(await page.textContent('[data-testid=isoflop-excluded]')).toContain('5 run(s) excluded in the Law-fit tab')
    await expect.poll(runsListed, { timeout: 120_000 }).toBeLessThan(before)
    expect(await page.textContent('[data-testid=isoflop-panel]')).toMatch(/skipped/)
    await page.screenshot({ path: join(ARTIFACTS, 'isoflop-dark.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
