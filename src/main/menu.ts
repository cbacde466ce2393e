/** The application menu; commands that belong to the page are sent to the renderer as 'lab:menu' messages. */
import { dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { WATCH_FOLDER_COMMAND } from '../shared/api/watch'
import { openExternalSafely } from './external-links'

export function buildMenu(getWindow: () => BrowserWindow | undefined): void {
  const send = (command: string) => () => getWindow()?.webContents.send('lab:menu', command)
  // File > Watch Folder…: a native folder dialog; the page then watches the folder for its current project
  const watchFolder = async (): Promise<void> => {
    const win = getWindow()
    if (!win) return
    const chosen = await dialog.showOpenDialog(win, { title: 'Watch a folder of CSV logs', properties: ['openDirectory'] })
    if (!chosen.canceled && chosen.filePaths[0]) win.webContents.send('lab:menu', WATCH_FOLDER_COMMAND + chosen.filePaths[0])
  }
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: send('import') },
        { label: 'Watch Folder…', click: () => void watchFolder() },
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // the key itself goes to the page (registerAccelerator: false): the page undoes text in a field, or the last
        // deletion of runs or exclusion of points elsewhere; the menu item sends the same command
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: send('undo') },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Toggle Dark Theme', accelerator: 'CmdOrCtrl+Shift+D', click: send('toggle-theme') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'Shift+/', click: send('shortcuts') },
        { label: 'About Scaling Lab', click: send('about') },
        { label: 'Chinchilla paper (arXiv)', click: () => openExternalSafely('https://arxiv.org/abs/2203.15556') },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
