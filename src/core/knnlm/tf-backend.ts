/**
 * TensorFlow.js on its WebAssembly backend in Node (tfjs-node cannot be installed here): point the backend at the
 * .wasm binaries in the package's dist folder, then select it once per thread.
 */
import * as tf from '@tensorflow/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

let ready: Promise<typeof tf> | undefined

function wasmDistDir(): string {
  const fromEnv = process.env.SCALING_LAB_TFJS_WASM_DIR
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')
}

/** Resolve to the tf namespace with the wasm backend active (falls back to cpu only if wasm cannot start). */
export function tfReady(): Promise<typeof tf> {
  ready ??= (async () => {
    setWasmPaths(wasmDistDir() + '/')
    const ok = await tf.setBackend('wasm').catch(() => false)
    if (!ok) await tf.setBackend('cpu')
    await tf.ready()
    return tf
  })()
  return ready
}

export type Tf = typeof tf
