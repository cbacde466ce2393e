/** Wide step logs: a step column and one column per metric; the run from a column or the file name. */
import type { SeriesHandle } from '../import-writer'
import type { ShapeFactory } from './shape'

export const wideShape: ShapeFactory = ({ plan, writer, cells }) => {
  const iRun = cells.index('run')
  const iStep = cells.index('step')
  const handles = new Map<string, (SeriesHandle | undefined)[]>()
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
    },
  }
}
