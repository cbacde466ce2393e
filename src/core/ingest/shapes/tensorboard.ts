/** TensorBoard's scalar download: Wall time, Step, Value; run and tag from the name run-<run>-tag-<tag>.csv. */
import type { SeriesHandle } from '../import-writer'
import type { ShapeFactory } from './shape'
import { WALL_TIME_METRIC, WallClock } from '../wall-time'

export const tensorboardShape: ShapeFactory = ({ plan, writer, cells }) => {
  const iStep = cells.index('step')
  const iValue = cells.index('value')
  let series: SeriesHandle | undefined
  let wallSeries: SeriesHandle | undefined
  const wall = plan.wallTime
  const clock = wall ? new WallClock(wall.kind, writer, plan.appending) : undefined
  return {
    row(row) {
      const v = cells.numberAt(row, iValue, 'value')
      if (v === undefined) return
      const x = cells.numberAt(row, iStep, 'step')
      if (x === undefined) throw cells.error(row, iStep, 'The step is missing.')
      series ??= writer.series(writer.run(plan.runFromFile), plan.metricFromFile ?? 'value', plan.xKind)
      writer.point(series, x, v)
      const t = wall ? cells.numberAt(row, wall.index, WALL_TIME_METRIC) : undefined
      if (t === undefined || !clock) return
      const runId = writer.run(plan.runFromFile)
      wallSeries ??= writer.series(runId, WALL_TIME_METRIC, plan.xKind)
      writer.point(wallSeries, x, clock.seconds(runId, t))
    },
  }
}
