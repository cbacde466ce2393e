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
  nonembedding_params: number | null
  experts: number | null
  tokens: number | null
  flops: number | null
  loss: number | null
  /** set by the importer when it derived the run's FLOPs (6ND) or tokens (C / 6N) */
  derived_flops: string | null
  derived_tokens: string | null
}

export class ScalingQueries {
  private readonly select: Database.Statement

  constructor(db: Database.Database) {
    this.select = db.prepare(`SELECT r.id, r.name, r.family, r.params, r.active_params, r.nonembedding_params, r.experts, r.tokens, r.flops,
        json_extract(r.config, '$.derived_flops') AS derived_flops, json_extract(r.config, '$.derived_tokens') AS derived_tokens,
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
      const partial = q.singleVariable ? singleVariablePoint(r, q.singleVariable) : undefined
      if (partial) {
        out.push(partial)
        continue
      }
      if (r.params === null || r.params <= 0 || r.loss === null || !Number.isFinite(r.loss)) continue
      const n = r.active_params ?? r.params
      let tokens = r.tokens
      let flops = r.flops
      const derived: ('tokens' | 'flops')[] = []
      if (r.derived_tokens !== null) derived.push('tokens')
      if (r.derived_flops !== null) derived.push('flops')
      if ((tokens === null || tokens <= 0) && flops !== null && flops > 0) {
        tokens = flops / (6 * n)
        if (!derived.includes('tokens')) derived.push('tokens')
      } else if ((flops === null || flops <= 0) && tokens !== null && tokens > 0) {
        flops = 6 * n * tokens
        if (!derived.includes('flops')) derived.push('flops')
      }
      if (tokens === null || flops === null || tokens <= 0 || flops <= 0) continue
      const point: ScalingPoint = { run: r.name, runId: r.id, family: r.family, params: r.params, tokens, flops, loss: r.loss }
      if (r.active_params !== null) point.activeParams = r.active_params
      if (r.experts !== null) point.experts = r.experts
      if (r.nonembedding_params !== null) point.nonEmbeddingParams = r.nonembedding_params
      if (derived.length) point.derived = derived
      out.push(point)
    }
    return out
  }
}

const positive = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0

/**
 * Kaplan's single-variable laws (ScalingQuery.singleVariable): a run with the loss and N (or D) but without what a
 * full point needs (N, and D or C) is kept with NaN for what it lacks, listed in `missing`. Runs with a full point
 * return undefined here and take the ordinary path.
 */
function singleVariablePoint(r: Row, variable: 'params' | 'tokens'): ScalingPoint | undefined {
  if (r.loss === null || !Number.isFinite(r.loss)) return undefined
  const full = positive(r.params) && (positive(r.tokens) || positive(r.flops))
  const has = variable === 'params' ? positive(r.params) : positive(r.tokens)
  if (full || !has) return undefined
  const missing: ('params' | 'tokens' | 'flops')[] = []
  const take = (field: 'params' | 'tokens' | 'flops', v: number | null): number => {
    if (positive(v)) return v
    missing.push(field)
    return NaN
  }
  const point: ScalingPoint = { run: r.name, runId: r.id, family: r.family, params: take('params', r.params), tokens: take('tokens', r.tokens), flops: take('flops', r.flops), loss: r.loss, missing }
  if (r.active_params !== null) point.activeParams = r.active_params
  if (r.experts !== null) point.experts = r.experts
  return point
}
