/** The worker's half of run-in-worker: wrap a core call so it reports progress, result or error. */
import { parentPort, workerData } from 'node:worker_threads'
import { toErrorInfo } from '../../shared/errors'
import type { WorkerMessage } from './run-in-worker'

export function serveWorker<In, Out>(work: (input: In, onProgress: (fraction: number, message?: string) => void) => Promise<Out> | Out): void {
  const port = parentPort
  if (!port) throw new Error('serveWorker must run inside a worker thread')
  const post = (m: WorkerMessage): void => port.postMessage(m)
  let last = 0
  const onProgress = (fraction: number, message?: string): void => {
    const now = Date.now()
    if (now - last < 50 && fraction < 1) return
    last = now
    post({ type: 'progress', fraction, message })
  }
  Promise.resolve()
    .then(() => work(workerData as In, onProgress))
    .then((result) => post({ type: 'result', result }))
    .catch((e: unknown) => post({ type: 'error', error: toErrorInfo(e) }))
}
