/** The application menu; commands that belong to the page are sent to the renderer as 'lab:menu' messages. */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { openExternalSafely } from './external-links'

export function buildMenu(getWindow: () => BrowserWindow | undefined): void {
  const send = (command: string) => () => getWindow()?.webContents.send('lab:menu', command)
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [{ label: 'Import…', accelerator: 'CmdOrCtrl+O', click: send('import') }, { type: 'separator' }, { role: process.platform === 'darwin' ? 'close' : 'quit' }],
    },
    { role: 'editMenu' },
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
