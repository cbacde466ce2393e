#!/usr/bin/env node
// The README screenshot: starts the built web host (`scaling-lab serve`, run `npm run build` first) on a fresh
// temporary catalog (the demo project seeds itself), opens Chromium (playwright-core) at 1440x900 and saves a
// PNG of a view.
//
//   node scripts/screenshot.mjs                       -> docs/screenshot.png, the Catalog with the demo runs
//   node scripts/screenshot.mjs /emergence            -> docs/screenshot-emergence.png (any route)
//   node scripts/screenshot.mjs run:pythia-1.4b       -> a run's page, opened from the Catalog by its name
//   options: --out FILE, --theme light|dark (light), --locale en|zh-CN (en), --width 1440, --height 900,
//            --full-page (the whole scrolled page), --click SELECTOR (click it once the view is open, e.g. a tab;
//            repeatable, in order)
// Chromium: /usr/bin/chromium or CHROMIUM_PATH.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

function parseArgs(argv) {
  const opts = { route: '/catalog', out: null, theme: 'light', locale: 'en', width: 1440, height: 900, fullPage: false, clicks: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) fail(`${a} needs a value`)
      return v
    }
    if (a === '--out') opts.out = value()
    else if (a === '--theme') opts.theme = value()
    else if (a === '--locale') opts.locale = value()
    else if (a === '--click') opts.clicks.push(value())
    else if (a === '--width') opts.width = Number(value())
    else if (a === '--height') opts.height = Number(value())
    else if (a === '--full-page') opts.fullPage = true
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/screenshot.mjs [ROUTE | run:NAME] [--out FILE] [--theme light|dark] [--locale en|zh-CN] [--width PX] [--height PX] [--full-page]')
      process.exit(0)
    } else if (a.startsWith('--')) fail(`unknown option ${a}`)
    else opts.route = a
  }
  if (!['light', 'dark'].includes(opts.theme)) fail(`--theme must be light or dark, not ${opts.theme}`)
  if (![opts.width, opts.height].every((n) => Number.isInteger(n) && n >= 320 && n <= 4000)) fail('--width and --height must be whole pixels between 320 and 4000')
  if (!opts.route.startsWith('run:') && !opts.route.startsWith('/')) opts.route = `/${opts.route}`
  if (!opts.out) {
    const slug = opts.route.replace(/^run:/, 'run-').replace(/^\//, '').replace(/[^a-z0-9.-]+/gi, '-').replace(/^-+|-+$/g, '')
    opts.out = join(ROOT, 'docs', slug === 'catalog' && opts.theme === 'light' ? 'screenshot.png' : `screenshot-${slug || 'home'}${opts.theme === 'dark' ? '-dark' : ''}.png`)
  }
  return opts
}

function fail(message) {
  console.error(`screenshot: ${message}`)
  process.exit(2)
}

/** `scaling-lab serve` on `catalog`; resolves with the child and the URL it prints (token included). */
function startServer(catalog) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'scaling-lab.js'), 'serve', '--catalog', catalog, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    const onData = (chunk) => {
      log += chunk.toString()
      const m = /serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(log)
      if (m) resolveStart({ child, url: m[1] })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`scaling-lab serve exited with ${code} before printing its URL:\n${log}`)))
  })
}

async function stopServer(child) {
  if (!child || child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html')) || !existsSync(join(ROOT, 'out', 'main', 'cli.js'))) fail('the build is missing: run `npm run build` first')
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  const dir = mkdtempSync(join(tmpdir(), 'scaling-lab-screenshot-'))
  let server = null
  let browser = null
  try {
    const started = await startServer(join(dir, 'catalog.sqlite'))
    server = started.child
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS })
    const context = await browser.newContext({ viewport: { width: opts.width, height: opts.height }, colorScheme: opts.theme, reducedMotion: 'reduce', locale: opts.locale === 'zh-CN' ? 'zh-CN' : 'en-US' })
    // the theme and language as chosen in Settings, not only the system's
    await context.addInitScript(
      ([theme, locale]) => {
        localStorage.setItem('scaling-lab.theme', JSON.stringify(theme))
        localStorage.setItem('scaling-lab.locale', JSON.stringify(locale))
      },
      [opts.theme, opts.locale],
    )
    const page = await context.newPage()
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`))
    await page.goto(started.url)
    // the Catalog with the demo runs listed
    await page.waitForSelector('[data-testid=runs-table] tbody tr', { timeout: 30000 })
    if (opts.route.startsWith('run:')) {
      const name = opts.route.slice('run:'.length)
      await page.fill('[data-testid=run-filter]', name)
      await page.locator('[data-testid=runs-table]').getByRole('link', { name, exact: true }).click()
      await page.waitForSelector('[data-testid=run-name]')
    } else if (opts.route !== '/catalog') {
      await page.evaluate((route) => {
        window.location.hash = `#${route}`
      }, opts.route)
      await page.waitForLoadState('networkidle')
    }
    for (const selector of opts.clicks) {
      await page.click(selector, { timeout: 30000 })
      await page.waitForLoadState('networkidle')
    }
    // charts drawn (SVG renderer) when the view has any
    await page.waitForSelector('main svg path, .chart svg path', { state: 'attached', timeout: opts.route === '/catalog' ? 1000 : 15000 }).catch(() => undefined)
    await page.waitForLoadState('networkidle')
    await page.evaluate(() => document.fonts.ready)
    mkdirSync(dirname(opts.out), { recursive: true })
    await page.screenshot({ path: opts.out, fullPage: opts.fullPage })
    console.log(`saved ${opts.out}`)
  } finally {
    await browser?.close()
    await stopServer(server)
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exit(1)
})
