/**
 * TensorFlow.js on its WebAssembly backend in Node (tfjs-node cannot be installed here): point the backend at the
 * .wasm binaries in the package's dist folder, then select it once per thread. TensorFlow.js is imported on the
 * first call, not with this module: listing models or reading a datastore never loads it.
 */
import type * as TfNamespace from '@tensorflow/tfjs'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

export type Tf = typeof TfNamespace

let ready: Promise<Tf> | undefined

function wasmDistDir(): string {
  const fromEnv = process.env.SCALING_LAB_TFJS_WASM_DIR
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')
}

/** Resolve to the tf namespace with the wasm backend active (falls back to cpu only if wasm cannot start). */
export function tfReady(): Promise<Tf> {
  ready ??= (async () => {
    const tf = await import('@tensorflow/tfjs')
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm')
    setWasmPaths(wasmDistDir() + '/')
    const ok = await tf.setBackend('wasm').catch(() => false)
    if (!ok) await tf.setBackend('cpu')
    await tf.ready()
    return tf
  })()
  return ready
}
