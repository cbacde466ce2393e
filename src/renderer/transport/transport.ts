/** How the renderer talks to the lab: one typed call per channel, live events, and file upload. */
import type { ChannelName, LabEvent, RequestOf, ResponseOf } from '../../shared/api'
import type { LabErrorInfo } from '../../shared/errors'
import { errorLocation } from '../../shared/error-location'

export interface UploadResult {
  uploadId: string
  name: string
  size: number
}

export interface Transport {
  readonly kind: 'electron' | 'web'
  call<K extends ChannelName>(name: K, req: RequestOf<K>): Promise<ResponseOf<K>>
  /** subscribe to lab events; returns the unsubscribe function */
  onEvent(cb: (e: LabEvent) => void): () => void
  /**
   * whether the event stream is up, now (cb is called at once) and at every change; absent where events cannot be
   * lost (Electron IPC). While it is down, events are missed: callers poll instead and catch up when it is back.
   */
  onConnection?(cb: (connected: boolean) => void): () => void
  upload(file: File): Promise<UploadResult>
  /** commands from the desktop menu (import, toggle-theme, shortcuts, about); absent in the browser */
  onMenu?(cb: (command: string) => void): () => void
}

/** The envelope both doors answer with. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: LabErrorInfo }

/** A lab error as seen by the renderer: keeps code, file, line, column and hint for display. */
export class LabClientError extends Error implements LabErrorInfo {
  readonly code: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
  readonly hint?: string

  constructor(info: LabErrorInfo) {
    super(info.message)
    this.name = 'LabClientError'
    this.code = info.code
    this.file = info.file
    this.line = info.line
    this.column = info.column
    this.hint = info.hint
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope && envelope.ok === true) return envelope.value
  if (envelope && envelope.ok === false) throw new LabClientError(envelope.error)
  throw new LabClientError({ code: 'protocol', message: 'The lab answered with something that is not an envelope.' })
}

/** `FILE:LINE:COLUMN: message (hint)`, leaving out the parts that are unknown. */
export function describeError(e: unknown): { where: string; message: string; hint?: string; code: string } {
  if (e instanceof LabClientError) {
    return { where: errorLocation(e), message: e.message, hint: e.hint, code: e.code }
  }
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    const info = e as Partial<LabErrorInfo> & { message: string }
    return { where: errorLocation(info), message: info.message, hint: info.hint, code: info.code ?? 'error' }
  }
  return { where: '', message: String(e), code: 'error' }
}
