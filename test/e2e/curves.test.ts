// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Curves view (issue 14). Real runs that differ only by seed (Clark et al. 2022, Dense 130M seeds
 * 1-3, plus Dense 370M: test/fixtures/e2e/PROVENANCE.md) are imported through the CLI; in the Catalog they are
 * selected and plotted on one chart, grouped over seeds (one line with a min-max band whose bounds, exported as
 * CSV, are the seeds' own minimum and maximum at every step), saved as a view and reopened from the Catalog.
 * The navigation fits its row at 1024, 1280 and 1440 px. Needs the built renderer and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ROOT, clickNavEntry, newLabPage, openView, runCliSync, startLabSession, type LabSession } from './harness'

const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'clark-dense-seeds.csv')
const SEEDS = ['e2e-clark-dense-130m-s1', 'e2e-clark-dense-130m-s2', 'e2e-clark-dense-130m-s3']

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  // a project of the user's own: the app opens it rather than the demo project
  lab = await startLabSession('curves', (catalog) => runCliSync(['import', FIXTURE, '--catalog', catalog, '--project', 'Clark routing']))
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

/** The fixture's values of one metric by run and step (read from the committed file, not from the app). */
function fixtureValues(metric: string): Map<string, Map<number, number>> {
  const [head, ...lines] = readFileSync(FIXTURE, 'utf8').trim().split('\n')
  const col = head.split(',').indexOf(metric)
  const out = new Map<string, Map<number, number>>()
  for (const line of lines) {
    const cells = line.split(',')
    if (!out.has(cells[0])) out.set(cells[0], new Map())
    out.get(cells[0])!.set(Number(cells[1]), Number(cells[col]))
  }
  return out
}

function parseCsv(text: string): string[][] {
  return text.trim().split(/\r\n/).map((l) => l.split(','))
}

async function lineRows(page: Page): Promise<number> {
  return page.locator('[data-testid=curves-lines] tbody tr').count()
}

describe('Curves in the browser', () => {
  it('plots selected runs, groups the seeds into one line with a band, saves the view and reopens it from the Catalog', { timeout: 300_000 }, async () => {
    const { page, errors } = await newLabPage(browser!)
    await openView(page, url, 'catalog')
    await page.fill('[data-testid=run-filter]', 'e2e-clark')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 4)
    await page.check('[data-testid=runs-table] thead input[type=checkbox]')
    await page.click('[data-testid=plot-selected]')
    await page.waitForURL((u) => /^#\/curves\?runs=\d+(%2C|,)\d+(%2C|,)\d+(%2C|,)\d+$/.test(u.hash))

    // one line a run
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=curves-lines] tbody tr').length === 4)
    const names = await page.locator('[data-testid=curves-lines] tbody td.name').allTextContents()
    expect(names.map((n) => n.trim()).sort()).toEqual([...SEEDS, 'e2e-clark-dense-370m'].sort())
    expect(await page.locator('[data-testid=curves-line-band]').allTextContents()).toEqual(['—', '—', '—', '—'])
    const metric = (await page.locator('[data-testid=curves-metric]').first().textContent())!.replace('×', '').trim()
    expect(['loss_c4', 'loss_validation']).toContain(metric)

    // the lines are drawn on the layer over the chart, each in its run's colour as the table shows it; the seeds'
    // curves nearly coincide, so each is looked for while its row is hovered (the hovered line is drawn on top)
    const inkOf = () =>
      page.evaluate(() => {
        const canvas = document.querySelector('[data-testid=curves-line-layer]') as HTMLCanvasElement
        const swatches = Array.from(document.querySelectorAll('[data-testid=curves-lines] tbody .swatch')).map((s) => getComputedStyle(s).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number))
        const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
        const near = swatches.map(() => 0)
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] < 160) continue
          swatches.forEach((c, k) => {
            if (Math.abs(d[i] - c[0]) + Math.abs(d[i + 1] - c[1]) + Math.abs(d[i + 2] - c[2]) < 60) near[k]++
          })
        }
        return near
      })
    const tableRows = page.locator('[data-testid=curves-lines] tbody tr')
    for (let k = 0; k < 4; k++) {
      await tableRows.nth(k).hover()
      await expect.poll(async () => (await inkOf())[k], { timeout: 20_000 }).toBeGreaterThan(10)
    }

    // the hover read-out lists every run at that step
    const canvas = page.locator('[data-testid=curves-view] .chart canvas').first()
    const box = (await canvas.boundingBox())!
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4)
    const tip = page.locator('.curves-tooltip')
    await tip.filter({ hasText: 'e2e-clark-dense-130m-s2' }).waitFor()
    // zooming with the wheel hides the read-out (no lookup of every line on each step); moving the pointer shows it
    await page.mouse.wheel(0, -120)
    await tip.waitFor({ state: 'hidden' })
    await page.waitForTimeout(250)
    await page.mouse.move(box.x + box.width * 0.6 + 2, box.y + box.height * 0.4)
    await tip.filter({ hasText: 'e2e-clark-dense-130m-s2' }).waitFor()
    await page.mouse.wheel(0, 120)
    await page.waitForTimeout(250)
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4)
    await tip.filter({ hasText: 'e2e-clark-dense-130m-s2' }).waitFor()

    // group over seeds, the read-out still open: the three 130M runs become one line with a min-max band; the 370M
    // run stays alone
    await page.selectOption('[data-testid=curves-group-by]', 'seed')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=curves-lines] tbody tr').length === 2)
    const rows = page.locator('[data-testid=curves-lines] tbody tr')
    const byRuns = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td.name')!.textContent!.trim(), tr.querySelectorAll('td')[1].textContent!.trim(), tr.querySelector('td.band')!.textContent!.trim()]))
    const group = byRuns.find((r) => r[1] === '3')
    expect(group).toBeDefined()
    expect(group![0]).toContain('e2e-clark-dense-130m')
    expect(group![2]).toBe('min-max')
    // the read-out now lists the two lines drawn, not the runs drawn before grouping
    await page.mouse.move(box.x + box.width * 0.6 + 5, box.y + box.height * 0.4)
    await tip.filter({ hasText: '(seeds)' }).waitFor()
    expect(await tip.textContent()).not.toMatch(/-s[123]:/)
    await page.mouse.move(0, 0)

    // the band drawn is the seeds' own spread: the exported CSV against the fixture, step by step
    await page.click('[data-testid=figure-export]')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Data as CSV' }).click()])
    const csv = parseCsv(readFileSync((await download.path())!, 'utf8'))
    const head = csv[0]
    expect(head).toEqual(['metric', 'line', 'run_ids', 'step', 'value', 'band_lo_minmax', 'band_hi_minmax', 'sampled'])
    const values = fixtureValues(metric)
    const groupRows = csv.slice(1).filter((r) => r[2].split(' ').length === 3)
    expect(groupRows).toHaveLength(26)
    for (const r of groupRows) {
      const step = Number(r[3])
      const ys = SEEDS.map((s) => values.get(s)!.get(step)!)
      expect(Number(r[5])).toBeCloseTo(Math.min(...ys), 9)
      expect(Number(r[6])).toBeCloseTo(Math.max(...ys), 9)
      expect(Number(r[4])).toBeCloseTo(ys.reduce((a, b) => a + b, 0) / 3, 9)
    }

    // zooming in asks the engine again for the window, at the chart's width in pixels
    const zoomed = page.waitForRequest((r) => r.url().includes('/api/curveSeries') && Array.isArray(JSON.parse(r.postData() ?? '{}').window))
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4)
    await page.mouse.wheel(0, -600)
    const ask = JSON.parse((await zoomed).postData()!) as { window: [number, number]; pixels: number }
    expect(ask.window[0]).toBeLessThan(ask.window[1])
    // a window inside the steps the runs logged (0 to their last checkpoint), narrower than all of them
    const lastStep = Math.max(...values.get(SEEDS[0])!.keys())
    expect(ask.window[0]).toBeGreaterThanOrEqual(0)
    expect(ask.window[1]).toBeLessThanOrEqual(lastStep)
    expect(ask.window[1] - ask.window[0]).toBeLessThan(0.95 * lastStep)
    expect(ask.pixels).toBeGreaterThan(500)
    await (await zoomed).response()
    await page.mouse.move(0, 0)

    // save the view; it is reopened from the Catalog with its runs and settings
    await page.click('[data-testid=curves-save]')
    await page.fill('[data-testid=curves-save-name]', 'Dense 130M seeds')
    await page.click('[data-testid=curves-save-confirm]')
    await page.waitForURL((u) => /^#\/curves\?view=\d+$/.test(u.hash))
    await clickNavEntry(page, 'catalog')
    await page.waitForURL((u) => u.hash === '#/catalog')
    await page.click('[data-testid=saved-views]')
    await page.locator('[data-testid=saved-views-menu] button[data-view-id]', { hasText: 'Dense 130M seeds' }).click()
    await page.waitForURL((u) => /^#\/curves\?view=\d+$/.test(u.hash))
    await page.locator('[data-testid=curves-view-name]', { hasText: 'Dense 130M seeds' }).waitFor()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=curves-lines] tbody tr').length === 2)
    expect(await page.locator('[data-testid=curves-group-by]').inputValue()).toBe('seed')
    expect(await lineRows(page)).toBe(2)
    expect(errors).toEqual([])
  })

  for (const width of [1024, 1280, 1440]) {
    it(`keeps the navigation in one row at ${width} px, the rest in More`, { timeout: 120_000 }, async () => {
      const { page, errors } = await newLabPage(browser!, { viewport: { width, height: 800 } })
      await openView(page, url, 'curves')
      const fits = await page.evaluate(() => {
        const header = document.querySelector('header.top') as HTMLElement
        const nav = document.querySelector('nav[data-fitted]') as HTMLElement
        return { header: header.scrollWidth <= header.clientWidth, nav: nav.scrollWidth <= nav.clientWidth + 1, height: header.getBoundingClientRect().height }
      })
      expect(fits.header).toBe(true)
      expect(fits.nav).toBe(true)
      expect(fits.height).toBeLessThan(60)
      // every view is reachable: in the row or in the More menu
      const inRow = await page.locator('nav[data-fitted] > a').count()
      if (await page.locator('[data-testid=nav-more]').isVisible()) await page.click('[data-testid=nav-more]')
      const all = await page.locator('nav[data-fitted] a').count()
      expect(inRow).toBeGreaterThan(0)
      expect(all).toBeGreaterThanOrEqual(9)
      expect(errors).toEqual([])
    })
  }
})
