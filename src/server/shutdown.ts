/**
 * How a long-running host ends, on every path: SIGINT or SIGTERM stop it and close the lab (exit code 0);
 * an error nobody caught is reported, then the same (exit code 1); a second signal while stopping, or a stop
 * that takes longer than the grace period, closes the lab at once; and process exit closes it if nothing did.
 */

/** The part of Node's `process` this needs (a fake one in tests). */
export interface ProcessLike {
  on(event: string, listener: (arg: unknown) => void): unknown
  off(event: string, listener: (arg: unknown) => void): unknown
  exit(code: number): void
}

export interface ShutdownSteps {
  /** stop serving (may wait for connections to end) */
  stop: () => Promise<void>
  /** synchronous, safe to call when already closed: close the lab (jobs, uploads folder, catalog) */
  closeNow: () => void
  /** where to say what happened */
  report: (text: string) => void
  /** how long `stop` may take before the lab is closed anyway (default 5 s) */
  graceMs?: number
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

/** Resolves with the exit code once the host has stopped; after an uncaught error it also calls exit(1). */
export function untilShutdown(proc: ProcessLike, steps: ShutdownSteps): Promise<number> {
  const graceMs = steps.graceMs ?? 5000
  let closed = false
  const closeOnce = (): void => {
    if (closed) return
    closed = true
    try {
      steps.closeNow()
    } catch (e) {
      steps.report(`Closing the lab failed: ${e instanceof Error ? e.message : String(e)}\n`)
    }
  }
  let stopping = false

  return new Promise<number>((resolve) => {
    const detach = (): void => {
      for (const s of SIGNALS) proc.off(s, onSignal)
      proc.off('uncaughtException', onFatal)
    }
    const shutdown = async (code: number): Promise<void> => {
      if (stopping) {
        // asked again while stopping: do not wait any longer
        closeOnce()
        detach()
        proc.off('exit', closeOnce)
        proc.exit(130)
        return
      }
      stopping = true
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<'late'>((r) => {
        timer = setTimeout(() => r('late'), graceMs)
        timer.unref?.()
      })
      const outcome = await Promise.race([steps.stop().then(() => 'stopped' as const, (e: unknown) => e), late])
      clearTimeout(timer)
      if (outcome === 'late') steps.report(`The host did not stop within ${graceMs} ms; closing the lab anyway.\n`)
      else if (outcome !== 'stopped') steps.report(`Stopping the host failed: ${outcome instanceof Error ? outcome.message : String(outcome)}\n`)
      closeOnce()
      // signals stay handled (a second one exits at once) until the process ends; the exit hook is no longer needed
      proc.off('exit', closeOnce)
      resolve(code)
      if (code !== 0) proc.exit(code)
    }
    const onSignal = (): void => void shutdown(0)
    const onFatal = (error: unknown): void => {
      steps.report(`scaling-lab: an unexpected error stopped the host: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      void shutdown(1)
    }
    for (const s of SIGNALS) proc.on(s, onSignal)
    proc.on('uncaughtException', onFatal)
    proc.on('exit', closeOnce)
  })
}
