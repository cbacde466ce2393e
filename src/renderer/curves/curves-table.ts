/**
 * The CSV of what the Curves chart draws: one row per drawn point of every line of every panel, with the
 * smoothed value next to the raw one and the band when the line is a group. Columns are labelled by what they
 * are (the x quantity, the metric, the EMA weight, the band kind).
 */
import type { CurveChart, CurveSettings } from '../../shared/api/curves'
import type { DataTable } from '../export/csv'
import { emaSmooth } from '../../shared/smoothing'

export function curvesTable(chart: CurveChart, settings: CurveSettings): DataTable {
  const smoothed = settings.smoothing > 0
  const columns = ['metric', 'line', 'run_ids', chart.x, 'value', ...(smoothed ? [`ema_${settings.smoothing}`] : []), `band_lo_${settings.band}`, `band_hi_${settings.band}`, 'sampled']
  const rows: DataTable['rows'] = []
  for (const p of chart.panels) {
    for (const l of p.lines) {
      const ema = smoothed ? emaSmooth(l.y, settings.smoothing) : null
      const ids = l.runIds.join(' ')
      for (let k = 0; k < l.x.length; k++) {
        rows.push([p.metric, l.label, ids, l.x[k], l.y[k], ...(ema ? [ema[k]] : []), l.lo?.[k] ?? null, l.hi?.[k] ?? null, l.sampled])
      }
    }
  }
  return { columns, rows }
}
