/** The window's size and position, remembered between starts. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserWindow, Rectangle } from 'electron'

export interface WindowState {
  bounds: Partial<Rectangle>
  maximized: boolean
}

const DEFAULT: WindowState = { bounds: { width: 1440, height: 900 }, maximized: false }

export function loadWindowState(dir: string): WindowState {
  try {
    const s = JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8')) as WindowState
    const { width, height } = s.bounds ?? {}
    if (typeof width === 'number' && typeof height === 'number' && width >= 640 && height >= 480) return s
  } catch {
    // first start, or a damaged file: the default size
  }
  return DEFAULT
}

export function rememberWindowState(win: BrowserWindow, dir: string): void {
  const save = (): void => {
    if (win.isDestroyed()) return
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() }
    try {
      writeFileSync(join(dir, 'window-state.json'), JSON.stringify(state))
    } catch {
      // not being able to remember the window size is not worth an error
    }
  }
  win.on('close', save)
}
