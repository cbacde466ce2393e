// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end (issue 14): watch a temporary folder through the web host's Catalog (the path typed in the Watch folder
 * panel), then append rows to its log as a training script does: the run appears marked running, and its point count
 * on the run page grows without a reload. The lab polls every 200 ms here (SCALING_LAB_WATCH_POLL_MS); the test waits
 * for what the page shows, never for a fixed time.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, newLabPage, openView, startLabSession, type LabSession } from './harness'

let lab: LabSession | null = null

beforeAll(async () => {
  process.env.SCALING_LAB_WATCH_POLL_MS = '200'
  lab = await startLabSession('watch-folder')
}, 180_000)

afterAll(async () => {
  await lab?.close()
  delete process.env.SCALING_LAB_WATCH_POLL_MS
})

describe('watching a folder in the browser', () => {
  it('imports a watched log, marks its run running, and shows appended points on the run page', async () => {
    const folder = join(lab!.dir, 'logs')
    mkdirSync(folder)
    const log = join(folder, 'live.csv')
    writeFileSync(log, 'run,step,metric,value\nlive-run,1,loss,3.2\nlive-run,2,loss,2.9\n')

    const { page, errors } = await newLabPage(lab!.browser, { failedResponses: true })
    await openView(page, lab!.url, 'catalog')
    await page.click('[data-testid=watch-button]')
    await page.fill('[data-testid=watch-path]', folder)
    await page.click('[data-testid=watch-add]')
    await page.locator('[data-testid=watch-list] li').first().waitFor()
    expect(await page.locator('[data-testid=watch-list]').textContent()).toContain(folder)
    await page.screenshot({ path: join(ARTIFACTS, 'watch-panel.png') })
    await page.keyboard.press('Escape')

    const row = page.locator('[data-testid=runs-table] tbody tr', { has: page.getByRole('link', { name: 'live-run', exact: true }) })
    await row.locator('[data-testid=running-badge]').waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'watch-running.png') })

    await row.getByRole('link', { name: 'live-run', exact: true }).click()
    const series = page.locator('.series-list li', { hasText: 'loss' })
    await series.getByText('2 points').waitFor()
    await page.locator('[data-testid=running-badge]').waitFor()

    appendFileSync(log, 'live-run,3,loss,2.7\nlive-run,4,loss,2.55\n')
    await series.getByText('4 points').waitFor({ timeout: 30_000 })
    appendFileSync(log, 'live-run,5,loss,2.45\n')
    await series.getByText('5 points').waitFor({ timeout: 30_000 })
    await page.locator('[data-testid=run-chart]').first().waitFor()
    expect(errors).toEqual([])
  }, 120_000)
})
