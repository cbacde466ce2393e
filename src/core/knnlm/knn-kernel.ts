/**
 * The native exact-search kernel (native/knn-kernel: a Node-API addon, so one binary loads in Node and in
 * Electron). Found at SCALING_LAB_KNN_KERNEL, else by walking up from this file to the package root's
 * native/knn-kernel/build/Release. Absent when it was not built (no C++ compiler): callers then use the
 * WebAssembly path, and knnKernelStatus() says why.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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

/** The native kernel, or null when it is not built or cannot load here. */
export function loadKnnKernel(): KnnKernel | null {
  return load().kernel
}

/** A line for reports and benchmarks: "native avx2-fma", or why the native kernel is not in use. */
export function knnKernelStatus(): string {
  return load().status
}
