/**
 * Calibration against scale (Kadavath et al. 2022, arXiv 2207.05221: larger models are better calibrated
 * on multiple-choice questions): per task and family, ECE, Brier score, NLL and accuracy of each model in
 * order of size, with the shape of each measure's trend (trend-shape.ts, lower is better for ECE, Brier and
 * NLL; null for a measure some model lacks), using the bootstrap standard errors of the calibration results as the sizes' noise.
 */
import type { CalibrationScaleResult } from '../../shared/api/analysis-results'
export type { CalibrationScaleResult }
import type { EvalPoint, Interval } from './types'
import type { CalibrationResult } from './calibration'
import type { StatName } from './calibration-bootstrap'
import { classifyTrend, type TrendResult } from './trend-shape'
import { groupBy } from './size-series'

export interface CalibrationScaleOptions {
  tolerance?: number
  level?: number
}

const MEASURES = ['ece', 'brier', 'nll', 'accuracy'] as const

export function calibrationVsScale(results: readonly CalibrationResult[], opts: CalibrationScaleOptions = {}): CalibrationScaleResult[] {
  const out: CalibrationScaleResult[] = []
  for (const list of groupBy(results, (r) => JSON.stringify([r.task, r.family ?? '']))) {
    const rows = [...list[1]].sort((a, b) => a.params - b.params || a.model.localeCompare(b.model))
    const trends = {} as CalibrationScaleResult['trends']
    for (const m of MEASURES) {
      // a measure some model lacks (ECE without the pick's confidence, NLL without p_correct) has no trend
      if (rows.some((r) => r[m] === null)) {
        trends[m] = null
        continue
      }
      const points: EvalPoint[] = rows.map((r) => {
        const p: EvalPoint = { model: r.model, params: r.params, task: r.task, metric: m, value: r[m] as number, n: r.n }
        const se = r.standard_errors?.[m]
        if (se !== undefined && se > 0) p.stderr = se
        return p
      })
      trends[m] = rows.length > 1 ? classifyTrend(points, { tolerance: opts.tolerance, level: opts.level })[0] : null
    }
    out.push({
      task: rows[0].task,
      family: rows[0].family,
      models: rows.map((r) => ({
        model: r.model,
        params: r.params,
        n: r.n,
        accuracy: r.accuracy,
        mean_confidence: r.mean_confidence,
        ece: r.ece,
        mce: r.mce,
        brier: r.brier,
        nll: r.nll,
        intervals: r.intervals,
      })),
      trends,
    })
  }
  return out
}
