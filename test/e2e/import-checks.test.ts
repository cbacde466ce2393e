/**
 * End to end: the import dialog names a typo in a W&B runs-table export before the import (its file, line
 * and column), refuses the file unless "lenient" is ticked, and after a lenient import lists what was left
 * empty. Fixture: test/fixtures/ingest/wandb-runs-typo.csv ("3.2O66" in the loss column, line 4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, startLabSession, type LabSession } from './harness'

const FIXTURE = join(ROOT, 'test', 'fixtures', 'ingest', 'wandb-runs-typo.csv')
/** Pythia v1 evaluations whose yes/no "deduped" column the engine maps to family_flag on its own */
const DEDUPED = join(ROOT, 'test', 'fixtures', 'ingest', 'evals-deduped-same-names.csv')

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  lab = await startLabSession('import-checks')
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

describe('import dialog checks', () => {
  it('warns of a typo, refuses it by default, and lists the emptied cell after a lenient import', async () => {
    const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: 'light', locale: 'en-US', failedResponses: false })
    await page.goto(url)
    await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')

    await page.setInputFiles('[data-testid=import-file]', FIXTURE)
    await page.waitForSelector('[data-testid=import-preview]')
    expect(await page.locator('[data-testid=import-preview] .warn-box').textContent()).toMatch(/Column "loss" is numbers except 1 cell \(first "3\.2O66" at wandb-runs-typo\.csv:4:128\)/)
    await page.click('[data-testid=import-start]')
    const error = page.locator('[data-testid=import-error]')
    await error.waitFor()
    expect(await error.textContent()).toMatch(/wandb-runs-typo\.csv:4:128/)
    await page.click('[data-testid=import-close]')

    await page.setInputFiles('[data-testid=import-file]', FIXTURE)
    await page.waitForSelector('[data-testid=import-preview]')
    await page.check('[data-testid=import-lenient]')
    await page.click('[data-testid=import-start]')
    const warnings = page.locator('[data-testid=import-summary-warnings]')
    await warnings.waitFor()
    expect(await page.locator('[data-testid=import-summary]').textContent()).toContain('6 runs')
    expect(await warnings.textContent()).toContain('1 cell that is not a number was left empty (lenient import): "3.2O66" at wandb-runs-typo.csv:4:128 ("loss").')
    await page.screenshot({ path: join(ARTIFACTS, 'import-lenient-summary.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('switches off a field the automatic mapping chose (family_flag): the preview says so and the import leaves it unmapped', async () => {
    const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: 'light', locale: 'en-US', failedResponses: false })
    await page.goto(url)
    await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')

    await page.setInputFiles('[data-testid=import-file]', DEDUPED)
    await page.waitForSelector('[data-testid=import-preview]')
    const flag = page.locator('select[data-field=family_flag]')
    expect(await flag.inputValue()).toBe('deduped')
    await flag.selectOption('')
    await page.waitForSelector('[data-testid=import-preview]:not(.stale) [data-off=family_flag]')
    expect(await flag.inputValue()).toBe('')
    expect(await page.locator('[data-testid=import-preview] .warn-box').textContent()).toContain('Columns not imported: deduped.')
    await page.screenshot({ path: join(ARTIFACTS, 'import-mapping-off.png') })
    await page.click('[data-testid=import-start]')
    const warnings = page.locator('[data-testid=import-summary-warnings]')
    await warnings.waitFor()
    expect(await page.locator('[data-testid=import-summary]').textContent()).toContain('3 runs')
    expect(await warnings.textContent()).toContain('Columns not imported: deduped.')
    expect(errors).toEqual([])
    await page.context().close()
  })
})
