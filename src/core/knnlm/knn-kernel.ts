/**
 * The native exact-search kernel (native/knn-kernel: a Node-API addon, so one binary loads in Node and in
 * Electron). Found at SCALING_LAB_KNN_KERNEL, else by walking up from this file to the package root's
 * native/knn-kernel/build/Release. Absent when it was not built (no C++ compiler): callers then use the
 * WebAssembly path, and knnKernelStatus() says why. SCALING_LAB_KNN_BACKEND=wasm turns the native kernel off for
 * the exact search (read at every search, so tests can compare both paths in one process); =native insists on it.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LabError } from '../../shared/errors'

export interface KnnKernel {
  /** exact squared-L2 top-k into the output arrays ([queries, k]); resolves with the micro-kernel's name */
  search(keys: Float32Array, queries: Float32Array, dims: number, k: number, threads: number, outDistances: Float32Array, outIndices: Int32Array): Promise<string>
  kernelName(): string
  hardwareThreads(): number
}

const RELATIVE = join('native', 'knn-kernel', 'build', 'Release', 'knn_kernel.node')

function findBinary(): string | undefined {
  const fromEnv = process.env.SCALING_LAB_KNN_KERNEL
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, RELATIVE))) return join(dir, RELATIVE)
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  return undefined
}

let loaded: { kernel: KnnKernel | null; status: string } | undefined

function load(): { kernel: KnnKernel | null; status: string } {
  if (loaded) return loaded
  if (process.env.SCALING_LAB_KNN_KERNEL === 'off') return (loaded = { kernel: null, status: 'turned off (SCALING_LAB_KNN_KERNEL=off)' })
  const file = findBinary()
  if (!file) return (loaded = { kernel: null, status: 'not built (run node scripts/build-knn-kernel.mjs)' })
  try {
    const kernel = createRequire(import.meta.url)(file) as KnnKernel
    return (loaded = { kernel, status: `native ${kernel.kernelName()}` })
  } catch (e) {
    return (loaded = { kernel: null, status: `failed to load ${file}: ${(e as Error).message}` })
  }
}

/** The native kernel, or null when it is not built, cannot load here, or SCALING_LAB_KNN_BACKEND=wasm. */
export function loadKnnKernel(): KnnKernel | null {
  if (requestedBackend() === 'wasm') return null
  return load().kernel
}

/** A line for reports and benchmarks: "native avx2-fma", or why the native kernel is not in use. */
export function knnKernelStatus(): string {
  if (requestedBackend() === 'wasm') return 'turned off (SCALING_LAB_KNN_BACKEND=wasm)'
  return load().status
}

type Backend = 'auto' | 'native' | 'wasm'

function requestedBackend(): Backend {
  const v = (process.env.SCALING_LAB_KNN_BACKEND ?? '').trim().toLowerCase()
  if (v === '' || v === 'auto') return 'auto'
  if (v === 'native' || v === 'wasm') return v
  throw new LabError('bad-option', `SCALING_LAB_KNN_BACKEND is "${process.env.SCALING_LAB_KNN_BACKEND}"; it must be auto, native or wasm.`, { hint: 'Unset it to use the native kernel when it is built and WebAssembly otherwise.' })
}

/**
 * The backend of the exact search, as results report it: "native avx2-fma", or "WebAssembly" and why the
 * native kernel is not in use. With SCALING_LAB_KNN_BACKEND=native a missing kernel is an error, not a fallback.
 */
export function exactSearchBackend(): { native: boolean; label: string } {
  if (loadKnnKernel()) return { native: true, label: knnKernelStatus() }
  if (requestedBackend() === 'native') {
    throw new LabError('kernel-missing', `SCALING_LAB_KNN_BACKEND=native, but the native exact-search kernel is ${load().status}.`, { hint: 'Run node scripts/build-knn-kernel.mjs (needs python3, make and a C++ compiler), or unset SCALING_LAB_KNN_BACKEND.' })
  }
  return { native: false, label: `WebAssembly; native kernel ${knnKernelStatus()}` }
}
