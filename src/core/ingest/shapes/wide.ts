/** Wide step logs: a step column and one column per metric; the run from a column or the file name. */
import type { SeriesHandle } from '../import-writer'
import type { ShapeFactory } from './shape'
import { WALL_TIME_METRIC, WallClock } from '../wall-time'

export const wideShape: ShapeFactory = ({ plan, writer, cells }) => {
  const iRun = cells.index('run')
  const iStep = cells.index('step')
  const handles = new Map<string, (SeriesHandle | undefined)[]>()
  const wall = plan.wallTime
  const clock = wall ? new WallClock(wall.kind, writer, plan.appending) : undefined
  const wallSeries = new Map<string, SeriesHandle>()
  return {
    row(row) {
      const name = iRun >= 0 ? row.text(iRun).trim() : plan.runFromFile
      if (name === '') throw cells.error(row, iRun, 'The run name is empty.', 'Every row needs the name of its run.')
      let h = handles.get(name)
      if (!h) {
        writer.run(name, cells.runValues(row))
        h = new Array<SeriesHandle | undefined>(plan.metricColumns.length)
        handles.set(name, h)
      }
      const x = cells.numberAt(row, iStep, plan.xKind)
      if (x === undefined) {
        if (plan.metricColumns.every((m) => cells.numberAt(row, m.index, 'metric') === undefined)) return
        throw cells.error(row, iStep, `The ${plan.xKind} is missing.`, `Every row with values needs its ${plan.xKind}.`)
      }
      for (let k = 0; k < plan.metricColumns.length; k++) {
        const m = plan.metricColumns[k]
        const v = cells.numberAt(row, m.index, m.metric)
        if (v === undefined) continue
        const s = h[k] ?? (h[k] = writer.series(writer.run(name), m.metric, plan.xKind))
        writer.point(s, x, v)
      }
      const t = wall ? cells.numberAt(row, wall.index, WALL_TIME_METRIC) : undefined
      if (t !== undefined && clock) {
        let s = wallSeries.get(name)
        if (!s) wallSeries.set(name, (s = writer.series(writer.run(name), WALL_TIME_METRIC, plan.xKind)))
        writer.point(s, x, clock.seconds(writer.run(name), t))
      }
    },
  }
}
