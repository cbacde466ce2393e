/**
 * The Electron shell: one window, sandboxed and context-isolated, talking to the lab engine (src/core) only
 * through the IPC handlers in ipc.ts. All logic lives in core; this file only wires it to the desktop.
 * The page is served from app://scaling-lab/ (app-protocol.ts); where it may navigate, which permissions it
 * has and which links leave for the browser is decided in navigation-policy.ts.
 */
import { app, BrowserWindow, session, type WebContents } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dirname } from 'node:path'
import { createLab, type Lab } from '../core/lab'
import { setWorkerDirectory } from '../core/jobs/run-in-worker'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'
import { forwardEvents, registerIpc } from './ipc'
import { buildMenu } from './menu'
import { openExternalSafely } from './external-links'
import { loadWindowState, rememberWindowState } from './window-state'
import { APP_INDEX_URL } from './app-protocol'
import { registerAppScheme, serveAppScheme } from './app-protocol-handler'
import { isAllowedNavigation, isAllowedPermission, isAppOrigin } from './navigation-policy'

const here = dirname(fileURLToPath(import.meta.url))
const rendererRoot = join(here, '..', 'renderer')
/** The dev server (electron-vite dev) only while developing; a packaged app never loads from it. */
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

/** Only our own page may talk to the lab. */
function isTrustedUrl(url: string): boolean {
  return isAppOrigin(url, devServerUrl)
}

let mainWindow: BrowserWindow | undefined
let lab: Lab | undefined

function createWindow(): BrowserWindow {
  const state = loadWindowState(app.getPath('userData'))
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Scaling Lab',
    backgroundColor: '#1b1d22',
    webPreferences: {
      preload: join(here, '..', 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (state.maximized) win.maximize()
  rememberWindowState(win, app.getPath('userData'))
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devServerUrl || APP_INDEX_URL)
  return win
}

/**
 * Every web contents (the window, and anything it might create) stays on the app's own pages: navigations,
 * redirects and frame navigations elsewhere are stopped (a top-level link goes to the browser, through the
 * link policy), new windows are refused, and no <webview> is attached.
 */
function confineContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, devServerUrl)) return
    event.preventDefault()
    openExternalSafely(event.url, BrowserWindow.fromWebContents(contents) ?? undefined)
  })
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, BrowserWindow.fromWebContents(contents) ?? undefined)
    return { action: 'deny' }
  })
}

/** Permissions: only what navigation-policy.ts allows, only for the app's own page; no devices. */
function restrictPermissions(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((contents, permission, callback, details) => callback(isAllowedPermission(permission, details.requestingUrl || contents.getURL(), devServerUrl)))
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin, devServerUrl))
  ses.setDevicePermissionHandler(() => false)
}

registerAppScheme()
app.enableSandbox()

app.on('web-contents-created', (_event, contents) => confineContents(contents))

void app.whenReady().then(async () => {
  serveAppScheme(rendererRoot, CONTENT_SECURITY_POLICY)
  restrictPermissions()
  // the dev server's answers get the same policy (app:// answers carry it already)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  setWorkerDirectory(join(here, 'workers'))
  process.env.SCALING_LAB_RESOURCES ??= app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources')
  // the exact kNN search kernel (Node-API, so the Node build loads here too); packaged beside resources/
  if (app.isPackaged) process.env.SCALING_LAB_KNN_KERNEL ??= join(process.resourcesPath, 'native', 'knn_kernel.node')
  const catalogPath = process.env.SCALING_LAB_CATALOG ?? join(app.getPath('userData'), 'catalog.sqlite')
  lab = await createLab({ catalogPath, host: 'electron' })
  registerIpc(lab, isTrustedUrl)
  forwardEvents(lab, () => mainWindow?.webContents)
  buildMenu(() => mainWindow)
  mainWindow = createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  lab?.close()
})
