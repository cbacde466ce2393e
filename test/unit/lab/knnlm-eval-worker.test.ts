// kNN-LM evaluation and sweeps moved into the knnlm-eval worker thread give the same numbers as the same core
// calls in this thread (the reference is core/knnlm/api run in-process on the shipped demo), report progress, and
// cancel by terminating the thread.
import { beforeAll, describe, expect, it } from 'vitest'
import { evaluateKnnLm, runKnnLmJobInWorker, sweepKnnLm } from '../../../src/core/knnlm/api'
import { loadDemo } from '../../../src/core/knnlm/demo'
import { CancelledError } from '../../../src/core/jobs/cancelled'

import { useBundledKnnLmWorkers } from './knnlm-workers'

const demoDir = loadDemo().dir
beforeAll(() => useBundledKnnLmWorkers(), 60_000)

describe('knnlm-eval worker', () => {
  it('evaluates the demo in a worker with the same perplexities as in-process, with progress', async () => {
    const request = { setting: 'adaptation' as const, demoDir, maxTokens: 300, lambda: 0.3, k: 64, temperature: 10, perToken: true }
    const seen: number[] = []
    const inWorker = await runKnnLmJobInWorker({ kind: 'eval', request }, { onProgress: (f) => seen.push(f) })
    const here = await evaluateKnnLm(request)
    expect(inWorker.tokens).toBe(300)
    expect(inWorker.ppl_lm).toBe(here.ppl_lm)
    expect(inWorker.ppl_knnlm).toBe(here.ppl_knnlm)
    expect(inWorker.perTokenView?.helpedShare).toBe(here.perTokenView?.helpedShare)
    expect(seen.length).toBeGreaterThan(0)
  }, 120_000)

  it('sweeps the demo in a worker with the same curves as in-process', async () => {
    const request = { setting: 'in-domain' as const, demoDir, maxTokens: 200, lambdas: [0, 0.25, 0.5], ks: [32], temperatures: [10], sizes: [0.5, 1] }
    const inWorker = await runKnnLmJobInWorker({ kind: 'sweep', request })
    const here = await sweepKnnLm(request)
    expect(inWorker.lambdaCurve).toEqual(here.lambdaCurve)
    expect(inWorker.sizeCurve).toEqual(here.sizeCurve)
    expect(inWorker.best).toEqual(here.best)
  }, 120_000)

  it('cancels: an aborted job rejects with CancelledError', async () => {
    const controller = new AbortController()
    const p = runKnnLmJobInWorker({ kind: 'eval', request: { setting: 'in-domain', demoDir } }, { signal: controller.signal, onProgress: () => controller.abort() })
    await expect(p).rejects.toBeInstanceOf(CancelledError)
  }, 60_000)
})
