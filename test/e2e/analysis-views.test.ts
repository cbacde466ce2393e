// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end: the Emergence, Calibration and Inverse-scaling views on the demo project (real Pythia results,
 * resources/demo) plus GPT-2 BoolQ per-example predictions imported through the CLI (test fixture,
 * test/fixtures/calibration/PROVENANCE.md). Checks what issue 4 says the demo shows: the arithmetic jump between
 * 1.4B and 2.8B, Pythia task curves by shape, calibration per size; light and dark, English and Chinese.
 * Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, ROOT, newLabPage, openView, runCliSync, startLabSession, type LabSession, type NavRoute } from './harness'

const BOOLQ = join(ROOT, 'test', 'fixtures', 'calibration', 'boolq_gpt2_per_example.csv')
// the documented synthetic trend cases (scripts/reference/trend-order-test.py): inverse, U-shaped, noisy, flat
const SHAPES = join(ROOT, 'test', 'fixtures', 'trend', 'synthetic-shapes-evals.csv')

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''


beforeAll(async () => {
  lab = await startLabSession('analysis', undefined, (catalog) => {
    runCliSync(['import', BOOLQ, '--format', 'predictions', '--project', 'Demo: Pythia', '--catalog', catalog])
    runCliSync(['import', SHAPES, '--format', 'evals', '--project', 'Demo: Pythia', '--catalog', catalog])
  })
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

async function open(route: NavRoute, opts: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newLabPage(browser!, { viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', locale: opts.locale ?? 'en-US' })
  await openView(page, url, route)
  return { page, errors }
}

describe('analysis views in the browser', () => {
  it('Emergence: one series per shot count, the 2-shot jump bracketed by 1.4B and 2.8B, chance labelled with its source', async () => {
    const { page, errors } = await open('emergence')
    await page.waitForSelector('[data-testid=emergence-task]')
    expect(await page.locator('[data-testid=emergence-task]').inputValue()).toBe('arithmetic_addition_2operand_x1_0to99')
    const results = page.locator('[data-testid=emergence-result]')
    await results.first().waitFor({ timeout: 60_000 })
    // shot counts 0, 2, 4, 8, 16 of the demo data: five series, none pooled
    expect(await results.locator('[data-testid=emergence-shots]').allTextContents()).toEqual(['· 0-shot', '· 2-shot', '· 4-shot', '· 8-shot', '· 16-shot'])
    const two = results.nth(1)
    expect(await two.locator('[data-testid=emergence-kind]').textContent()).toBe('emergent')
    const facts = await two.locator('table.facts').textContent()
    // nothing between 1.41B and 2.78B: the view gives the bracket, and the interval spans it
    expect(facts).toContain('Between sizes1.41B and 2.78B')
    expect(facts).toContain('log-interpolated 1.45B')
    expect(facts).toContain('95% interval (≥ bracket)1.28B – 2.78B')
    expect(facts).toContain('pythia-1.4b-deduped → pythia-2.8b-deduped')
    expect(await two.locator('[data-testid=emergence-chance]').textContent()).toMatch(/Chance: 0 · registry: open generation, nothing to guess \(Brown et al\. 2020/)
    expect(await two.locator('[data-testid=emergence-reason]').textContent()).toMatch(/Jump: .*leave-one-size-out error favours the line by 0\.0572/)
    await page.waitForSelector('[data-testid=emergence-result] svg path', { state: 'attached' })
    expect(await two.locator('svg path').count()).toBeGreaterThan(10)
    await two.screenshot({ path: join(ARTIFACTS, 'emergence.png') })

    // the metric question and training dynamics read one shot count: the first series' unless another is chosen
    expect(await page.locator('[data-testid=emergence-shots-choice]').inputValue()).toBe('0')
    await page.waitForSelector('[data-testid=emergence-dynamics-shots]')
    expect(await page.textContent('[data-testid=emergence-dynamics-shots]')).toBe('Shown: 0-shot.')
    await page.locator('[data-testid=emergence-shots-choice]').selectOption('2')
    await page.waitForFunction(() => document.querySelector('[data-testid=emergence-dynamics-shots]')?.textContent === 'Shown: 2-shot.')

    // pooling is an explicit choice, shown on the series and in its warnings
    await page.locator('[data-testid=emergence-pool-shots]').check()
    await page.locator('[data-testid=emergence-run]').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=emergence-result]').length === 1, undefined, { timeout: 60_000 })
    const pooled = results.first()
    expect(await pooled.locator('[data-testid=emergence-shots]').textContent()).toBe('· shots 0, 2, 4, 8, 16 pooled')
    expect(await pooled.locator('[data-testid=emergence-warnings]').textContent()).toContain('shot counts 0, 2, 4, 8, 16 pooled as runs at each size')
    expect(await pooled.locator('table.facts').textContent()).toContain('Between sizes1.41B and 2.78B')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Emergence: the metric question on BoolQ predictions (no shot counts) shows a verdict, not an error', { timeout: 180_000 }, async () => {
    const { page, errors } = await open('emergence')
    await page.waitForSelector('[data-testid=emergence-task]')
    // no bootstrap for the emergence series: the comparison waits for no long job
    await page.locator('[data-testid=emergence-bootstrap]').fill('0')
    await page.locator('[data-testid=emergence-task]').selectOption('boolq-0shot-gpt2')
    await page.locator('[data-testid=emergence-result]', { hasText: 'boolq-0shot-gpt2' }).first().waitFor({ timeout: 60_000 })
    await page.locator('[data-testid=emergence-compare]').click()
    const verdict = page.locator('[data-testid=emergence-compare-verdict]')
    await verdict.waitFor({ timeout: 60_000 })
    // GPT-2 BoolQ 0-shot: accuracy, Brier and log-likelihood from the per-example predictions; accuracy does not jump
    expect(await verdict.textContent()).toBe('No discontinuous metric shows a jump.')
    expect(await page.locator('.result', { hasText: 'The metric question' }).locator('.error-box, [role=alert]').count()).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Emergence in Chinese and dark: the verdict, the chance source and the bracket translated', async () => {
    const { page, errors } = await open('emergence', { colorScheme: 'dark', locale: 'zh-CN' })
    const results = page.locator('[data-testid=emergence-result]')
    await results.first().waitFor({ timeout: 60_000 })
    expect(await page.textContent('h1')).toBe('涌现')
    const two = results.nth(1)
    expect(await two.locator('[data-testid=emergence-shots]').textContent()).toBe('· 2 个示例')
    expect(await two.locator('[data-testid=emergence-kind]').textContent()).toBe('涌现')
    expect(await two.locator('table.facts').textContent()).toContain('1.41B 与 2.78B 之间')
    expect(await two.locator('[data-testid=emergence-chance]').textContent()).toContain('登记表：开放式生成，无法靠猜')
    const reason = (await two.locator('[data-testid=emergence-reason]').textContent()) ?? ''
    expect(reason).toMatch(/^理由: 突变：BIC 支持 logistic 胜过直线/)
    expect(reason).toContain('留一规模误差支持直线')
    expect(reason).toContain('同一序列的趋势形状分类')
    // no English sentence left in the Chinese verdict
    expect(reason).not.toMatch(/favours|clears|sizes/)
    await page.waitForSelector('[data-testid=emergence-result] svg path', { state: 'attached' })
    await two.screenshot({ path: join(ARTIFACTS, 'emergence-zh-dark.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Inverse scaling: groups the Pythia task curves by shape, lambada and piqa positive', async () => {
    const { page, errors } = await open('inverse-scaling', { colorScheme: 'dark' })
    const positive = page.locator('[data-testid=trend-group-positive]')
    await positive.waitFor({ timeout: 60_000 })
    const text = await positive.textContent()
    expect(text).toContain('lambada_openai')
    expect(text).toContain('piqa')
    // the verdict with its evidence: the test, its p-value, the steps in units of their errors, the errors' source
    const row = positive.locator('[data-testid=trend-row]', { hasText: 'lambada_openai' }).first()
    expect(await row.locator('[data-testid=trend-evidence]').textContent()).toMatch(
      /^Improves with scale by [\d.]+: a monotone fit beats a flat one \(p < 0\.0005\)\. Errors: standard errors given with the evaluations\.$/,
    )
    expect(await row.locator('[data-testid=trend-test]').textContent()).toMatch(/^monotone vs flat: LR [\d,.]+, p < 0\.0005; one turn vs monotone: LR [\d,.]+, p [=<] [\d.]+$/)
    expect(await row.locator('[data-testid=trend-steps]').textContent()).toMatch(/^[+-][\d.]+(, [+-][\d.]+)+$/)
    // the synthetic cases: each in its group, with the evidence that decided it
    const evidence = async (shape: string, task: string): Promise<string | null> =>
      page.locator(`[data-testid=trend-group-${shape}] [data-testid=trend-row]`, { hasText: task }).first().locator('[data-testid=trend-evidence]').textContent()
    expect(await evidence('positive', 'synthetic-loss-steady')).toMatch(/^Improves with scale by 1\.2: a monotone fit beats a flat one \(p < 0\.0005\)\./)
    expect(await evidence('inverse', 'synthetic-inverse')).toMatch(/^Worsens with scale by 0\.15: a monotone fit beats a flat one \(p < 0\.0005\)\./)
    expect(await evidence('u-shaped', 'synthetic-u')).toMatch(/^Worsens up to 1\.6B \(by 0\.12\), then improves \(by 0\.14\): one turn beats any monotone fit \(p < 0\.0005\)\./)
    expect(await evidence('flat', 'synthetic-flat-precise')).toMatch(/^Changes by less than 0\.03 across the sizes\./)
    expect(await evidence('insufficient', 'synthetic-flat-noisy')).toMatch(/^Neither a trend nor a turn stands out from the noise \(trend p = 0\.\d+\)/)
    await page.waitForSelector('[data-testid=trend-group-positive] svg path', { state: 'attached' })
    await page.screenshot({ path: join(ARTIFACTS, 'inverse-scaling-dark.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Inverse scaling in Chinese: the verdict and its evidence are translated', async () => {
    const { page, errors } = await open('inverse-scaling', { locale: 'zh-CN' })
    const positive = page.locator('[data-testid=trend-group-positive]')
    await positive.waitFor({ timeout: 60_000 })
    const row = positive.locator('[data-testid=trend-row]', { hasText: 'lambada_openai' }).first()
    expect(await row.locator('[data-testid=trend-evidence]').textContent()).toMatch(/^随规模提升 [\d.]+：单调拟合优于平坦拟合（p < 0\.0005）。 误差：评测给出的标准误。$/)
    await page.waitForSelector('[data-testid=trend-group-positive] svg path', { state: 'attached' })
    await page.screenshot({ path: join(ARTIFACTS, 'inverse-scaling-zh.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Calibration: BoolQ gives only p_correct, so ECE is not available until two answers per item are declared', async () => {
    const { page, errors } = await open('calibration', { colorScheme: 'dark' })
    const tasks = page.locator('[data-testid=calibration-task]')
    await tasks.first().waitFor({ timeout: 120_000 })
    // the two BoolQ tasks imported here, then the demo's own cloze tasks (the lab LM at three sizes)
    expect(await tasks.count()).toBe(4)
    expect(await tasks.nth(1).locator('[data-testid=calibration-note-ece]').textContent()).toMatch(
      /^ECE not available for gpt2, gpt2-medium, gpt2-large, gpt2-xl: none of the 3270 items gives the confidence of the model’s pick/,
    )
    expect(await tasks.nth(1).locator('[data-testid=calibration-ece]').allTextContents()).toEqual(['–', '–', '–', '–'])
    // the CLI import names the file by its path
    expect(await tasks.nth(1).locator('[data-testid=calibration-source]').textContent()).toMatch(/^Where these numbers come from: \S*boolq_gpt2_per_example\.csv$/)
    // the demo cloze: ECE per size with no declaration needed (per-option probabilities give the pick's confidence);
    // brown-news-cloze4 ECE 0.263, 0.186, 0.211 (scripts/reference/calibration-demo-cloze.py)
    const cloze = tasks.nth(2)
    const clozeEce = await cloze.locator('[data-testid=calibration-ece]').allTextContents()
    expect(clozeEce.map((v) => v.split(' ')[0])).toEqual(['0.263', '0.186', '0.211'])
    expect(await cloze.locator('[data-testid=calibration-source]').textContent()).toMatch(
      /^Where these numbers come from: lab_lm_cloze4\.csv: The lab's own Transformer LM at three sizes .*scripts\/make-calibration-demo\.ts/,
    )
    await cloze.locator('svg path').first().waitFor({ state: 'attached' })
    await cloze.screenshot({ path: join(ARTIFACTS, 'calibration-demo-cloze-dark.png') })
    await page.screenshot({ path: join(ARTIFACTS, 'calibration-no-ece-dark.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Calibration: GPT-2 BoolQ per size with ECE once two answers per item are declared, in Chinese', async () => {
    const { page, errors } = await open('calibration', { locale: 'zh-CN' })
    const tasks = page.locator('[data-testid=calibration-task]')
    await tasks.first().waitFor({ timeout: 120_000 })
    expect(await tasks.nth(0).locator('[data-testid=calibration-note-ece]').textContent()).toMatch(/^gpt2, gpt2-medium, gpt2-large, gpt2-xl 无法给出 ECE：3270 个样本均未提供模型所选答案的置信度/)
    await page.check('[data-testid=calibration-two-choices]')
    await page.click('[data-testid=calibration-run]')
    await tasks.first().locator('[data-testid=calibration-note-two]').waitFor({ timeout: 120_000 })
    expect(await tasks.count()).toBe(4)
    expect(await tasks.nth(3).locator('[data-testid=calibration-source]').textContent()).toMatch(/^数据来源：lab_lm_cloze4\.csv/)
    // 1-shot gpt2-xl: ECE 0.0110 with 10 equal-width bins (scripts/reference/analysis-calibration.py)
    const ece = await tasks.nth(1).locator('[data-testid=calibration-ece]').allTextContents()
    expect(ece).toHaveLength(4)
    expect(ece[3]).toMatch(/^0\.011 /)
    expect(await tasks.nth(1).locator('[data-testid=calibration-note-ece]').count()).toBe(0)
    expect(await page.textContent('h1')).toBe('校准')
    await page.waitForSelector('[data-testid=calibration-task] svg path', { state: 'attached' })
    await page.screenshot({ path: join(ARTIFACTS, 'calibration-zh.png') })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
