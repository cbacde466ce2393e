/** The audit as a job (src/core/multiverse/audit.ts): refused input, cancel before any fit. */
import { describe, expect, it } from 'vitest'
import { runAudit } from '../../../src/core/multiverse/audit'
import { CancelledError } from '../../../src/core/jobs/cancelled'
import type { AuditPoint } from '../../../src/core/multiverse/types'

const pts: AuditPoint[] = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ run: `r${i}`, params: 1e7 * i, tokens: 2e8 * i, flops: 1.2e16 * i * i, loss: 4 - 0.1 * i, flopsRecorded: true, tokensRecorded: true }))

describe('runAudit', () => {
  it('refuses fewer than 6 runs and says why', async () => {
    await expect(runAudit({ law: 'chinchilla', points: pts.slice(0, 5), budget: 5.76e23 }, { workers: 0 })).rejects.toThrow(/at least 6 runs; the selection has 5/)
  })
  it('stops at once when cancelled, in this thread and in workers', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(runAudit({ law: 'chinchilla', points: pts, budget: 5.76e23 }, { workers: 0, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
    await expect(runAudit({ law: 'chinchilla', points: pts, budget: 5.76e23 }, { workers: 2, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
  })
})
