import { describe, expect, it } from 'vitest'
import { Worker } from 'node:worker_threads'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { WorkerMessage } from '../../../src/core/jobs/run-in-worker'
import type { CleanCorpusJob, CleanCorpusResult } from '../../../src/core/corpus/clean-corpus'

/** Start src/workers/corpus-clean.ts the way a TypeScript worker can be started under Node 20: register tsx, then import it. */
function runCleanWorker(job: CleanCorpusJob): Promise<{ messages: WorkerMessage[] }> {
  const file = pathToFileURL(resolve(__dirname, '..', '..', '..', 'src', 'workers', 'corpus-clean.ts')).href
  const tsx = pathToFileURL(resolve(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}) })`
  return new Promise((done, fail) => {
    const messages: WorkerMessage[] = []
    const worker = new Worker(code, { eval: true, workerData: job })
    worker.on('message', (m: WorkerMessage) => messages.push(m))
    worker.on('error', fail)
    worker.on('exit', () => done({ messages }))
  })
}

describe('corpus-clean worker', () => {
  it('reports progress and a result, and turns bad input into an error message', async () => {
    const out = mkdtempSync(join(tmpdir(), 'corpus-worker-'))
    const fixtures = join(__dirname, '..', '..', 'fixtures', 'corpus')
    const ok = await runCleanWorker({ sources: [join(fixtures, 'folder')], outDir: out, options: { quality: false } })
    const result = ok.messages.find((m) => m.type === 'result')
    expect(ok.messages.some((m) => m.type === 'progress')).toBe(true)
    expect(result?.type === 'result' && (result.result as CleanCorpusResult).report.keptDocs).toBe(3)
    expect(existsSync(join(out, 'report.json'))).toBe(true)

    const bad = await runCleanWorker({ sources: [join(fixtures, 'bad.jsonl')], outDir: out })
    const error = bad.messages.find((m) => m.type === 'error')
    expect(error?.type === 'error' && error.error).toMatchObject({ code: 'corpus-bad-jsonl', line: 2 })
  })
})
