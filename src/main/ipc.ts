/**
 * IPC: one handler per LabApi channel. Each checks that the sender is our own renderer frame, then hands
 * the payload to lab.invoke, which parses it with the channel's schema. Answers are envelopes, so a
 * LabError reaches the renderer whole (Electron would otherwise flatten it to a string).
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { CHANNEL_NAMES } from '../shared/api'
import { toErrorInfo } from '../shared/errors'
import type { Lab } from '../core/lab'

export type TrustedUrl = (url: string) => boolean

function fromTrustedFrame(event: IpcMainInvokeEvent, trusted: TrustedUrl): boolean {
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && trusted(frame.url)
}

export function registerIpc(lab: Lab, trusted: TrustedUrl): () => void {
  const channels: string[] = []
  for (const name of CHANNEL_NAMES) {
    const channel = `lab:${name}`
    channels.push(channel)
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!fromTrustedFrame(event, trusted)) return { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } }
      try {
        return { ok: true, value: await lab.invoke(name, payload) }
      } catch (e) {
        return { ok: false, error: toErrorInfo(e) }
      }
    })
  }
  ipcMain.handle('lab:upload', async (event, name: unknown, bytes: unknown) => {
    if (!fromTrustedFrame(event, trusted)) return { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } }
    if (typeof name !== 'string' || name.length === 0 || name.length > 500) return { ok: false, error: { code: 'bad-request', message: 'upload: a file name is required' } }
    if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) return { ok: false, error: { code: 'bad-request', message: 'upload: the file content must be bytes' } }
    try {
      const upload = await lab.context.uploads.fromBytes(name, bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes)
      return { ok: true, value: { uploadId: upload.id, name: upload.name, size: upload.size } }
    } catch (e) {
      return { ok: false, error: toErrorInfo(e) }
    }
  })
  channels.push('lab:upload')
  return () => channels.forEach((c) => ipcMain.removeHandler(c))
}

export function forwardEvents(lab: Lab, target: () => WebContents | undefined): () => void {
  return lab.onEvent((event) => {
    const wc = target()
    if (wc && !wc.isDestroyed()) wc.send('lab:event', event)
  })
}
