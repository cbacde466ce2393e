/** Thrown by long computations when their AbortSignal fires; jobs report it as "cancelled", not as a failure. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled.') {
    super(message)
    this.name = 'CancelledError'
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError()
}

/** Options every long computation in core accepts. */
export interface ProgressOptions {
  /** fraction in [0, 1], optional human-readable stage */
  onProgress?: (fraction: number, message?: string) => void
  signal?: AbortSignal
}
