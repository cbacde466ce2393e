/**
 * The Electron shell: one window, sandboxed and context-isolated, talking to the lab engine (src/core) only
 * through the IPC handlers in ipc.ts. All logic lives in core; this file only wires it to the desktop.
 */
import { app, BrowserWindow, session } from 'electron'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname } from 'node:path'
import { createLab, type Lab } from '../core/lab'
import { setWorkerDirectory } from '../core/jobs/run-in-worker'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'
import { forwardEvents, registerIpc } from './ipc'
import { buildMenu } from './menu'
import { openExternalSafely } from './external-links'
import { loadWindowState, rememberWindowState } from './window-state'

const here = dirname(fileURLToPath(import.meta.url))
const rendererIndex = join(here, '..', 'renderer', 'index.html')
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererFileUrl = pathToFileURL(rendererIndex).href

/** Only our own page may talk to the lab. */
function isTrustedUrl(url: string): boolean {
  if (devServerUrl && !app.isPackaged && url.startsWith(devServerUrl)) return true
  return url === rendererFileUrl || url.startsWith(rendererFileUrl + '#') || url.startsWith(rendererFileUrl + '?')
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
  // no navigation away from the app and no new windows; links go to the user's browser
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) {
      event.preventDefault()
      openExternalSafely(url)
    }
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })
  if (devServerUrl && !app.isPackaged) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererIndex)
  return win
}

app.enableSandbox()

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
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
