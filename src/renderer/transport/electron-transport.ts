/** Transport over the Electron preload: window.lab has one method per channel, each resolving to an envelope. */
import type { ChannelName, LabEvent, RequestOf, ResponseOf } from '../../shared/api'
import { unwrap, type Envelope, type Transport, type UploadResult } from './transport'

export interface PreloadLab {
  onEvent(cb: (e: LabEvent) => void): () => void
  uploadFile(name: string, bytes: ArrayBuffer): Promise<Envelope<UploadResult>>
  onMenu?(cb: (command: string) => void): () => void
  [channel: string]: unknown
}

declare global {
  interface Window {
    lab?: PreloadLab
  }
}

export function createElectronTransport(lab: PreloadLab): Transport {
  return {
    kind: 'electron',
    async call<K extends ChannelName>(name: K, req: RequestOf<K>): Promise<ResponseOf<K>> {
      const method = lab[name]
      if (typeof method !== 'function') throw new Error(`The desktop shell does not offer the channel ${name}.`)
      const envelope = await (method as (r: unknown) => Promise<Envelope<ResponseOf<K>>>)(req)
      return unwrap(envelope)
    },
    onEvent(cb) {
      return lab.onEvent(cb)
    },
    async upload(file: File): Promise<UploadResult> {
      const bytes = await file.arrayBuffer()
      return unwrap(await lab.uploadFile(file.name, bytes))
    },
    onMenu(cb) {
      return typeof lab.onMenu === 'function' ? lab.onMenu(cb) : () => undefined
    },
  }
}
