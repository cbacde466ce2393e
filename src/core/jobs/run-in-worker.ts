/**
 * Run one piece of core work in a worker thread: the worker file src/workers/<name>.ts (bundled as
 * <name>.js next to the built entry) receives `workerData`, posts progress, and posts a result or an error.
 * Cancelling terminates the thread: whatever it had not committed is rolled back by SQLite.
 */
import { Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { LabError, type LabErrorInfo } from '../../shared/errors'
import { CancelledError, type ProgressOptions } from './cancelled'

/** Messages a worker posts to its parent. */
export type WorkerMessage =
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: LabErrorInfo }

let builtWorkerDirectory: string | undefined = process.env.SCALING_LAB_WORKER_DIR

/**
 * Built entry points (main, cli, server) call this with the folder holding the bundled workers. It goes into the
 * environment too, which worker threads copy when they start, so a worker can start workers of its own.
 */
export function setWorkerDirectory(dir: string): void {
  builtWorkerDirectory = dir
  process.env.SCALING_LAB_WORKER_DIR = dir
}

/** Where the worker file is, and how Node must load it (TypeScript sources need tsx). */
export function workerLocation(name: string): { file: string; execArgv: string[]; typescript?: boolean } {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bad worker name ${name}`)
  if (builtWorkerDirectory) {
    const built = join(builtWorkerDirectory, `${name}.js`)
    if (existsSync(built)) return { file: built, execArgv: [] }
  }
  const here = dirname(fileURLToPath(import.meta.url))
  const source = join(here, '..', '..', 'workers', `${name}.ts`)
  if (existsSync(source)) return { file: source, execArgv: [], typescript: true }
  const sibling = join(here, 'workers', `${name}.js`)
  if (existsSync(sibling)) return { file: sibling, execArgv: [] }
  throw new Error(`worker ${name} not found (looked in ${builtWorkerDirectory ?? '-'}, ${source}, ${sibling})`)
}

export function startWorker(name: string, workerData: unknown): Worker {
  const { file, execArgv, typescript } = workerLocation(name)
  if (!typescript) return new Worker(file, { workerData, execArgv })
  // From TypeScript sources (tests, tsx): Node 20 ignores `--import tsx` in a worker's execArgv, so an eval
  // worker registers tsx's loader first and then imports the worker file.
  const here = dirname(fileURLToPath(import.meta.url))
  const tsxApi = pathToFileURL(join(here, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}) })`
  return new Worker(code, { eval: true, workerData })
}

/** Start a worker and settle with its result; abort terminates it and rejects with CancelledError. */
export function runInWorker<T>(name: string, workerData: unknown, opts: ProgressOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new CancelledError())
      return
    }
    const worker = startWorker(name, workerData)
    let settled = false
    const finish = (fn: () => void): void => {
      if (settled) return
      settled = true
      opts.signal?.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = (): void => {
      finish(() => reject(new CancelledError()))
      void worker.terminate()
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') opts.onProgress?.(msg.fraction, msg.message)
      else if (msg.type === 'result') finish(() => resolve(msg.result as T))
      else if (msg.type === 'error') {
        const e = msg.error
        finish(() =>
          reject(e.code === 'cancelled' ? new CancelledError() : new LabError(e.code, e.message, { file: e.file, line: e.line, column: e.column, hint: e.hint })),
        )
      }
    })
    worker.on('error', (err) => finish(() => reject(err)))
    worker.on('exit', (code) => {
      finish(() => reject(new Error(`worker ${name} exited with code ${code} before it finished`)))
    })
  })
}
