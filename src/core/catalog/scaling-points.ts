/**
 * The (N, D, C, L) points a scaling-law fit needs, one per run. Loss is the run's summary metric, else the last
 * value of its series for that metric. Missing D or C is derived with C = 6 N D (Kaplan et al. 2020,
 * arXiv 2001.08361; Hoffmann et al. 2022, arXiv 2203.15556), N being the active parameters when recorded
 * (mixture of experts: FLOPs per token follow the active parameters, Fedus et al. 2022).
 */
import type Database from 'better-sqlite3'
import { lastValueOf } from './run-queries'
import type { ScalingPoint, ScalingQuery } from './types'

interface Row {
  id: number
  name: string
  family: string | null
  params: number | null
  active_params: number | null
  experts: number | null
  tokens: number | null
  flops: number | null
  loss: number | null
}

export class ScalingQueries {
  private readonly select: Database.Statement

  constructor(db: Database.Database) {
    this.select = db.prepare(`SELECT r.id, r.name, r.family, r.params, r.active_params, r.experts, r.tokens, r.flops,
        coalesce((SELECT value FROM summaries WHERE run_id = r.id AND metric = @metric), ${lastValueOf('@metric', 'r.id')}) AS loss
      FROM runs r
      WHERE r.project_id = @projectId
        AND (CASE WHEN @runIds IS NULL THEN r.hidden = 0 ELSE r.id IN (SELECT value FROM json_each(@runIds)) END)
      ORDER BY r.id`)
  }

  scalingPoints(q: ScalingQuery): ScalingPoint[] {
    const rows = this.select.all({ projectId: q.projectId, metric: q.metric ?? 'loss', runIds: q.runIds ? JSON.stringify(q.runIds) : null }) as Row[]
    const out: ScalingPoint[] = []
    for (const r of rows) {
      if (r.params === null || r.params <= 0 || r.loss === null || !Number.isFinite(r.loss)) continue
      const n = r.active_params ?? r.params
      let tokens = r.tokens
      let flops = r.flops
      const derived: ('tokens' | 'flops')[] = []
      if ((tokens === null || tokens <= 0) && flops !== null && flops > 0) {
        tokens = flops / (6 * n)
        derived.push('tokens')
      } else if ((flops === null || flops <= 0) && tokens !== null && tokens > 0) {
        flops = 6 * n * tokens
        derived.push('flops')
      }
      if (tokens === null || flops === null || tokens <= 0 || flops <= 0) continue
      const point: ScalingPoint = { run: r.name, runId: r.id, family: r.family, params: r.params, tokens, flops, loss: r.loss }
      if (r.active_params !== null) point.activeParams = r.active_params
      if (r.experts !== null) point.experts = r.experts
      if (derived.length) point.derived = derived
      out.push(point)
    }
    return out
  }
}
