/** Pick the door: the Electron preload when window.lab exists, else the local web host. */
import { createElectronTransport } from './electron-transport'
import { createWebTransport, takeSessionToken } from './web-transport'
import type { Transport } from './transport'

export function createTransport(): Transport {
  if (window.lab) return createElectronTransport(window.lab)
  return createWebTransport(takeSessionToken())
}

export type { Transport, UploadResult } from './transport'
export { LabClientError, describeError } from './transport'
