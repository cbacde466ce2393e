/**
 * The renderer's one connection to the lab. Views call `lab().call('channel', request)`; the transport
 * (Electron IPC or the local web host) is chosen once at start. Tests may set their own with setLab().
 */
import type { Transport } from '../transport'

let current: Transport | null = null

export function setLab(t: Transport): void {
  current = t
}

export function lab(): Transport {
  if (!current) throw new Error('The lab transport is not set up yet (main.ts calls setLab first).')
  return current
}
