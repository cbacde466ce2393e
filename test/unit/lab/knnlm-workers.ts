/**
 * Bundle the kNN-LM workers with esbuild the way the app build does (packages stay external) and point the job
 * runner at them: under Node 20 a tsx-loaded worker cannot load usearch's native binding (its loader finds its own
 * folder through a stack trace that tsx rewrites). One shared folder; each file is written under a temporary name
 * and renamed, so test files bundling at the same time never see half a file. Not a test file itself.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setWorkerDirectory } from '../../../src/core/jobs/run-in-worker'

let ready: Promise<void> | undefined

export function useBundledKnnLmWorkers(): Promise<void> {
  ready ??= (async () => {
    const { build } = await import('esbuild')
    const outdir = join(process.cwd(), 'node_modules', '.cache', 'knnlm-lab-test-workers')
    const names = ['knnlm-eval', 'knnlm-train', 'knnlm-datastore', 'knnlm-keys']
    const r = await build({
      entryPoints: Object.fromEntries(names.map((n) => [n, join(process.cwd(), 'src', 'workers', `${n}.ts`)])),
      outdir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      write: false,
    })
    mkdirSync(outdir, { recursive: true })
    for (const f of r.outputFiles) {
      const tmp = `${f.path}.${process.pid}.tmp`
      writeFileSync(tmp, f.contents)
      renameSync(tmp, f.path)
    }
    setWorkerDirectory(outdir)
  })()
  return ready
}
