/**
 * A W&B panel's CSV export: an x column (usually Step) and, per run and metric, `<run> - <metric>` with
 * optional `__MIN` / `__MAX` columns (the band around a smoothed or grouped line: stored as lo / hi of the
 * same point). Blank cells are steps a run did not log.
 */
import type { SeriesHandle } from '../import-writer'
import type { ShapeFactory } from './shape'
import { WallClock } from '../wall-time'

export const wandbPanelShape: ShapeFactory = ({ plan, writer, cells }) => {
  const iStep = cells.index('step')
  const handles: (SeriesHandle | undefined)[] = new Array<SeriesHandle | undefined>(plan.panel.length)
  const clocks = plan.panel.map((p) => (p.wallTime ? new WallClock(p.wallTime, writer, plan.appending) : undefined))
  return {
    row(row) {
      const x = cells.numberAt(row, iStep, plan.xKind)
      if (x === undefined) return
      for (let k = 0; k < plan.panel.length; k++) {
        const p = plan.panel[k]
        const logged = cells.numberAt(row, p.value, 'value')
        if (logged === undefined) continue
        const clock = clocks[k]
        const runId = writer.run(p.run)
        const v = clock ? clock.seconds(runId, logged) : logged
        const lo = p.lo >= 0 ? (cells.numberAt(row, p.lo, 'min') ?? null) : null
        const hi = p.hi >= 0 ? (cells.numberAt(row, p.hi, 'max') ?? null) : null
        const s = handles[k] ?? (handles[k] = writer.series(runId, p.metric, plan.xKind))
        writer.point(s, x, v, lo, hi)
      }
    },
  }
}
