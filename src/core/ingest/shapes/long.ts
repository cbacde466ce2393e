/**
 * Long step logs: one row per (run, step, metric, value); the run comes from a column or the file name.
 * This is the hot path of a multi-million-row import: the run and metric of a row are matched against the
 * previous ones byte by byte, so most rows create no string at all.
 */
import type { CsvRow } from '../csv-tokenizer'
import type { SeriesHandle } from '../import-writer'
import type { ShapeFactory } from './shape'

interface RunSeries {
  runId: number
  /** metric name -> series, in first-seen order (a log has a handful of metrics) */
  names: string[]
  handles: SeriesHandle[]
  /** the same, by name, for logs with many metrics */
  byName: Map<string, SeriesHandle>
}

/** Beyond this many metrics per run, look metrics up by name instead of comparing bytes in turn. */
const SCAN_LIMIT = 16

export const longShape: ShapeFactory = ({ plan, writer, cells }) => {
  const iRun = cells.index('run')
  const iStep = cells.index('step')
  const iMetric = cells.index('metric')
  const iValue = cells.index('value')
  const xKind = plan.xKind
  const runs = new Map<string, RunSeries>()
  let runName = ''
  let current: RunSeries | undefined
  let lastMetric = 0

  const enterRun = (name: string, row: CsvRow): RunSeries => {
    let r = runs.get(name)
    if (!r) {
      if (name === '') throw cells.error(row, iRun, 'The run name is empty.', 'Every row needs the name of its run.')
      r = { runId: writer.run(name, cells.runValues(row)), names: [], handles: [], byName: new Map() }
      runs.set(name, r)
    }
    return r
  }

  return {
    row(row) {
      const value = cells.numberAt(row, iValue, 'value')
      if (value === undefined) return
      if (!current || (iRun >= 0 && !row.is(iRun, runName))) {
        runName = iRun >= 0 ? row.text(iRun) : plan.runFromFile
        const trimmed = runName.trim()
        current = enterRun(trimmed, row)
        lastMetric = 0
      }
      const r = current
      let s: SeriesHandle | undefined
      // metrics usually cycle in a fixed order: try the one after the last, then the rest
      const n = r.names.length <= SCAN_LIMIT ? r.names.length : 0
      if (n === 0 && r.names.length) s = r.byName.get(row.text(iMetric))
      for (let k = 0; k < n; k++) {
        const j = (lastMetric + 1 + k) % n
        if (row.is(iMetric, r.names[j])) {
          s = r.handles[j]
          lastMetric = j
          break
        }
      }
      if (!s) {
        const raw = row.text(iMetric)
        const clean = raw.trim()
        if (clean === '') throw cells.error(row, iMetric, 'The metric name is empty.')
        s = writer.series(r.runId, clean, xKind)
        r.names.push(raw)
        r.handles.push(s)
        r.byName.set(raw, s)
        lastMetric = r.names.length - 1
      }
      const x = cells.numberAt(row, iStep, xKind)
      if (x === undefined) throw cells.error(row, iStep, `The ${xKind} is missing.`, `Every row of a step log needs its ${xKind}.`)
      writer.point(s, x, value)
    },
  }
}
