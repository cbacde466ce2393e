/**
 * End to end: a view whose code cannot be fetched (the app was rebuilt or the host stopped while the page was open)
 * is said on screen with a Reload action, in English and in Chinese, instead of a click that does nothing.
 * Needs the built app (npx electron-vite build) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { clickNavEntry, newLabPage, startLabSession, type LabSession } from './harness'

let lab: LabSession | null = null
let browser: Browser | null = null
let url = ''

beforeAll(async () => {
  lab = await startLabSession('view-load-error')
  ;({ browser, url } = lab)
}, 180_000)

afterAll(async () => {
  await lab?.close()
})

describe('a view whose code cannot be fetched', () => {
  for (const [locale, text, reload] of [
    ['en-US', 'This view could not be loaded', 'Reload'],
    ['zh-CN', '无法加载此视图', '重新加载'],
  ] as const) {
    it(`says so with a Reload action (${locale})`, async () => {
      const { page } = await newLabPage(browser!, { locale })
      await page.route(/\/assets\/ComputeView-[^/]*\.js$/, (route) => route.abort())
      await page.goto(url)
      await clickNavEntry(page, 'compute')
      const toast = page.locator('.toasts .toast', { hasText: text })
      await toast.waitFor()
      expect(await toast.textContent()).toContain(reload)
    })
  }
})
