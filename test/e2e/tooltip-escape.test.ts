// page.evaluate callbacks run in the browser, so these tests see the DOM types
/// <reference lib="dom" />
/**
 * End to end, issue 11: runs named like HTML (`<img src=x onerror=alert(1)>`, family `<b>bold</b>`) are imported
 * with the CLI; hovering one of their points in the Scaling view shows the name as literal text in the tooltip and
 * creates no <img> or <b> element from it (the CSP would stop the script; the markup must not get in either).
 * Needs the built renderer (npm run build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ARTIFACTS, newLabPage, runCliSync, startLabSession, type LabSession } from './harness'

const EVIL = '<img src=x onerror=alert(1)>'

/** Five runs on a Chinchilla-like curve, all named like a tag (a number after the name keeps them apart). */
function writeHostileRuns(dir: string): string {
  const file = join(dir, 'hostile-names.csv')
  const rows = [7e7, 1.6e8, 4e8, 1e9, 2.8e9].map((N, i) => {
    const D = 20 * N
    const loss = 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28
    return `"${EVIL} ${i}",<b>bold</b>,${N},${D},${loss.toFixed(4)}`
  })
  writeFileSync(file, ['name,family,params,tokens,loss', ...rows].join('\n') + '\n')
  return file
}

let lab: LabSession | null = null

beforeAll(async () => {
  lab = await startLabSession('tooltip-escape', (catalog) => runCliSync(['import', writeHostileRuns(join(catalog, '..')), '--catalog', catalog, '--project', 'Hostile']))
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

const LOOKS = [
  { colorScheme: 'light', locale: 'en-US', shot: 'tooltip-escape-light-en.png' },
  { colorScheme: 'dark', locale: 'zh-CN', shot: 'tooltip-escape-dark-zh.png' },
] as const

describe('chart tooltips', () => {
  it.each(LOOKS)('show a run named like HTML as text and make no element of it ($colorScheme, $locale)', { timeout: 120_000 }, async (look) => {
    const { page, errors } = await newLabPage(lab!.browser, { reducedMotion: 'reduce', colorScheme: look.colorScheme, locale: look.locale })
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.goto(lab!.url)
    await page.waitForSelector('[data-testid=runs-table], [data-testid=catalog-empty]')
    await page.goto(lab!.url.split('?')[0] + '#/scaling')
    // a run's marker: scatter symbols are the vermillion paths (index 0 is the legend icon)
    const marker = page.locator('[data-testid=scaling-chart] svg path[fill="#D55E00"]').nth(1)
    await marker.waitFor({ state: 'attached', timeout: 60_000 })
    const shown = async (): Promise<string | null> =>
      page.evaluate((name) => {
        const box = Array.from(document.querySelectorAll<HTMLElement>('[data-testid=scaling-chart] div')).find((d) => d.childElementCount < 8 && (d.textContent ?? '').includes(name))
        return box ? box.innerHTML : null
      }, EVIL)
    let tooltip: string | null = null
    for (let attempt = 0; attempt < 10 && tooltip === null; attempt++) {
      const box = await marker.boundingBox()
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await page.waitForTimeout(200)
      tooltip = await shown()
    }
    await page.screenshot({ path: join(ARTIFACTS, look.shot) })
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 'the run name became an <img> element').toBe(0)
    expect(await page.locator('[data-testid=scaling-chart] img').count()).toBe(0)
    expect(tooltip, 'the tooltip never showed the run name as text').not.toBeNull()
    expect(tooltip).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
  })
})
