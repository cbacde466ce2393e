/** Robustness audit and fit provenance channels (src/shared/api/multiverse.ts). */
import type { LabHandlers } from '../../shared/api'
import type { MultiverseResult } from '../../shared/api/multiverse'
import { CHINCHILLA_BUDGET_FLOPS } from '../../shared/api/fit'
import type { Catalog } from '../catalog'
import type { ProgressOptions } from '../jobs/cancelled'
import { runAudit } from '../multiverse/audit'
import type { AuditPoint } from '../multiverse/types'
import type { LabContext } from './lab-context'
import { selectPoints, type FitSelection } from './fit-selection'
import { diffFits, rederiveFit } from './fit-compare'

type MultiverseHandlers = Pick<LabHandlers, 'startAudit' | 'diffFits' | 'startRederive'>

export interface AuditRequest extends FitSelection {
  law: string
  budget?: number
}

/** The selected runs as the audit needs them: which N definitions they record, and whether C and D were recorded. */
export function auditPoints(catalog: Catalog, req: AuditRequest): { points: AuditPoint[]; metricNote: string } {
  const sel = selectPoints(catalog, req)
  const skip = new Set(sel.excluded)
  const raw = catalog.scalingPoints({ projectId: req.projectId, runIds: sel.runIds, metric: sel.metric }).filter((p) => !skip.has(p.runId))
  const points = raw.map((p) => {
    const out: AuditPoint = { run: p.run, params: p.params, tokens: p.tokens, flops: p.flops, loss: p.loss, flopsRecorded: !p.derived?.includes('flops'), tokensRecorded: !p.derived?.includes('tokens') }
    if (p.activeParams !== undefined) out.activeParams = p.activeParams
    if (p.nonEmbeddingParams !== undefined) out.nonEmbeddingParams = p.nonEmbeddingParams
    return out
  })
  return { points, metricNote: sel.metricNote }
}

export async function auditSelection(catalog: Catalog, req: AuditRequest, opts: ProgressOptions = {}): Promise<MultiverseResult> {
  const { points, metricNote } = auditPoints(catalog, req)
  const result = await runAudit({ law: req.law, points, budget: req.budget ?? CHINCHILLA_BUDGET_FLOPS }, opts)
  return { ...result, loss_metric: metricNote }
}

export function multiverseHandlers(ctx: LabContext): MultiverseHandlers {
  return {
    startAudit: async (req) => {
      selectPoints(ctx.catalog, req)
      const jobId = ctx.jobs.start('multiverse', `Robustness audit (${req.law})`, (opts) => auditSelection(ctx.catalog, req, opts))
      return { jobId }
    },
    diffFits: async ({ a, b }) => diffFits(ctx.catalog, a, b),
    startRederive: async ({ fitId }) => {
      const jobId = ctx.jobs.start('rederive', `Re-derive fit ${fitId}`, (opts) => rederiveFit(ctx.catalog, fitId, opts))
      return { jobId }
    },
  }
}
