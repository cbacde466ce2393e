/**
 * The preload (sandboxed, built as CommonJS): window.lab with one method per LabApi channel, an event
 * subscription, file upload, and menu commands. Nothing raw from Electron is exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNEL_NAMES } from '../shared/api'

const api: Record<string, unknown> = {}
for (const name of CHANNEL_NAMES) {
  api[name] = (request: unknown) => ipcRenderer.invoke(`lab:${name}`, request)
}
api.uploadFile = (name: string, bytes: ArrayBuffer) => ipcRenderer.invoke('lab:upload', String(name), bytes)
api.onEvent = (listener: (event: unknown) => void) => {
  const wrapped = (_e: IpcRendererEvent, event: unknown): void => listener(event)
  ipcRenderer.on('lab:event', wrapped)
  return () => ipcRenderer.removeListener('lab:event', wrapped)
}
api.onMenu = (listener: (command: string) => void) => {
  const wrapped = (_e: IpcRendererEvent, command: unknown): void => {
    if (typeof command === 'string') listener(command)
  }
  ipcRenderer.on('lab:menu', wrapped)
  return () => ipcRenderer.removeListener('lab:menu', wrapped)
}
api.host = 'electron'

contextBridge.exposeInMainWorld('lab', Object.freeze(api))
