// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Compute view. On a fresh catalog (only the presets to compare), the budget starts at the
 * Gopher/Chinchilla budget 5.76e23 FLOPs; the Chinchilla preset's N_opt and D_opt are the closed form of its
 * published parameters; the slider moves the budget; inference demand adds the Sardana et al. rows; the chart
 * marks Gopher and Chinchilla. Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, openView, startLabSession, type LabSession } from './harness'
import { formatCount } from '../../src/renderer/format/units'


let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''


beforeAll(async () => {
  lab = await startLabSession('compute')
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function openCompute(colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme, locale: 'en-US' })
  await openView(page, url, 'compute')
  await page.waitForSelector('[data-testid=compute-chart] svg path', { state: 'attached' })
  return { page, errors }
}

/**
 * Chinchilla Approach 3 (Hoffmann et al. 2022, arXiv 2203.15556, eq. 4 and Appendix D.2), unrounded as Besiroglu et al.
 * 2024 (arXiv 2404.10102) quote them: A = 406.401, B = 410.723, alpha = 0.339171, beta = 0.284908 (the rounded 0.34 /
 * 0.28 move N_opt by 25% at 5.76e23: the exponents matter). N_opt = G (C/6)^(beta/(alpha+beta)), D_opt = G^-1 (C/6)^(alpha/(alpha+beta)),
 * G = (alpha A / (beta B))^(1/(alpha+beta)). Computed here, independently of the lab's code.
 */
function chinchillaOptimum(C: number): { N: number; D: number } {
  const [A, B, alpha, beta] = [406.401, 410.723, 0.339171, 0.284908]
  const G = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta))
  return { N: G * Math.pow(C / 6, beta / (alpha + beta)), D: Math.pow(C / 6, alpha / (alpha + beta)) / G }
}

describe('the Compute view', () => {
  it('splits a budget under the published laws side by side and follows the slider', { timeout: 180_000 }, async () => {
    const { page, errors } = await openCompute()
    // the table's columns come with the presets, after the view opens
    const heads = (): Promise<string[]> => page.locator('[data-testid=compute-table] thead th').allTextContents()
    await expect.poll(heads, { timeout: 30_000 }).toEqual(expect.arrayContaining(['Hoffmann et al. 2022, Approach 3 fit', 'Besiroglu et al. 2024', 'Kaplan et al. 2020 (WebText2)']))
    const headers = await heads()
    const col = headers.indexOf('Hoffmann et al. 2022, Approach 3 fit')
    const nopt = page.locator('[data-testid=compute-nopt]').nth(col - 1)
    expect(await page.inputValue('[data-testid=compute-budget]')).toBe('5.76e23')
    const at = chinchillaOptimum(5.76e23)
    await expect.poll(() => nopt.textContent(), { timeout: 30_000 }).toBe(formatCount(at.N))
    // Gopher and Chinchilla marked on the chart (legend entries)
    expect(await page.textContent('[data-testid=compute-chart]')).toContain('Gopher (280B, 300B)')
    await page.screenshot({ path: join(ARTIFACTS, 'compute.png') })

    // the slider: End jumps to 1e27 FLOPs
    await page.focus('[data-testid=compute-slider]')
    await page.keyboard.press('End')
    await expect.poll(() => page.inputValue('[data-testid=compute-budget]'), { timeout: 30_000 }).toBe('1e27')
    await expect.poll(() => nopt.textContent(), { timeout: 30_000 }).toBe(formatCount(chinchillaOptimum(1e27).N))

    // a typed budget and inference demand (Sardana et al. 2024): the inference rows appear
    await page.fill('[data-testid=compute-budget]', '1e23')
    await page.press('[data-testid=compute-budget]', 'Enter')
    await page.fill('[data-testid=compute-inference]', '2T')
    await expect.poll(() => page.textContent('[data-testid=compute-table]'), { timeout: 30_000 }).toContain('Inference-aware')
    await expect.poll(() => nopt.textContent(), { timeout: 30_000 }).toBe(formatCount(chinchillaOptimum(1e23).N))
    expect(errors).toEqual([])
    await page.context().close()
  })

  it("labels the presets: Hoffmann's Approaches 1 and 2 beside the Approach-3 fit, Kaplan's WebText2 loss and overfitting bound", { timeout: 180_000 }, async () => {
    // Approach 1 and 2 frontiers fitted to Hoffmann et al. 2022 Tables 3 and A3 by scripts/reference/presets-allocation.py
    const ref = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'presets', 'presets-reference.json'), 'utf8')) as Record<'approach1' | 'approach2', { a: number; k_N: number }>
    const { page, errors } = await openCompute()
    const headers = (): Promise<string[]> => page.locator('[data-testid=compute-table] thead th').allTextContents().then((hs) => hs.map((h) => h.trim()).slice(1))
    await expect.poll(headers, { timeout: 30_000 }).toEqual(['Hoffmann et al. 2022, Approach 1', 'Hoffmann et al. 2022, Approach 2', 'Hoffmann et al. 2022, Approach 3 fit', 'Besiroglu et al. 2024', 'Kaplan et al. 2020 (WebText2)'])
    const nopt = page.locator('[data-testid=compute-nopt]')
    for (const [i, key] of [[0, 'approach1'], [1, 'approach2']] as const) {
      await expect.poll(() => nopt.nth(i).textContent(), { timeout: 30_000 }).toBe(formatCount(ref[key].k_N * Math.pow(5.76e23, ref[key].a)))
    }
    const loss = page.locator('[data-testid=compute-loss]')
    expect(await loss.nth(0).textContent()).toContain('no loss law')
    expect(await loss.nth(2).getAttribute('data-dataset')).toBe('MassiveText')
    expect(await loss.nth(4).getAttribute('data-dataset')).toBe('WebText2')
    // Kaplan's allocation at 5.76e23 (804B parameters on 119B tokens) breaks its own D >~ 5e3 N^0.74 (eq. 4.4)
    const warnings = await page.locator('[data-testid=compute-warning]').allTextContents()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/overfitting bound: 119B tokens < 5e3 N\^0\.74 = 3\.23T/)
    expect(await page.textContent('[data-testid=compute-preset-notes]')).toMatch(/WebText2.*MassiveText/)
    // at 1e18 FLOPs Kaplan's allocation respects the bound (the crossover is 2.9e18): no warning
    await page.fill('[data-testid=compute-budget]', '1e18')
    await page.press('[data-testid=compute-budget]', 'Enter')
    await expect.poll(() => page.locator('[data-testid=compute-warning]').count(), { timeout: 30_000 }).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('reads in the dark theme', { timeout: 120_000 }, async () => {
    const { page, errors } = await openCompute('dark')
    await page.waitForSelector('[data-testid=compute-moe]')
    await page.screenshot({ path: join(ARTIFACTS, 'compute-dark.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
