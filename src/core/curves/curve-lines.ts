/**
 * The work of curveSeries that touches points, run in a worker thread: read each line's runs, drop the points a
 * log axis cannot draw, average the runs of a group on a common grid with its band, and keep about `pixels`
 * columns of min-max samples inside the window. Only the sampled lines leave the worker.
 */
import type { BandKind, CurveLine, CurveX } from '../../shared/api/curves'
import { bandAt, overlapOf, unionGrid, type Curve } from './group-band'
import { minMaxSample, type SampleWindow } from './minmax-sample'
import { CurveReader } from './curve-read'
import type Database from 'better-sqlite3'

/** One line to draw: a run, or a group of runs, in one metric's panel. */
export interface LineTask {
  metric: string
  key: string
  label: string
  runs: { id: number; name: string }[]
  /** the line is a group (drawn as a mean with a band when it has two or more runs with data) */
  group: boolean
  /** the line's place in the chart (lines come back from several workers) */
  order: number
}

export interface LineOptions {
  x: CurveX
  window?: [number, number]
  pixels: number
  logX: boolean
  logY: boolean
  band: BandKind
}

export interface MetricLine extends CurveLine {
  metric: string
  order: number
}

export interface LinesResult {
  lines: MetricLine[]
  warnings: string[]
  /** the x range of every drawn run's data, before the window */
  extent: [number, number] | null
}

interface NamedCurve extends Curve {
  id: number
  name: string
  /** the run's whole x range when only a window was read */
  extent?: [number, number]
}

export function curveLines(db: Database.Database, tasks: readonly LineTask[], opts: LineOptions): LinesResult {
  const reader = new CurveReader(db)
  const out: LinesResult = { lines: [], warnings: [], extent: null }
  for (const task of tasks) {
    const curves = readTask(reader, task, opts, out)
    out.lines.push(...drawTask(task, curves, opts, out.warnings))
  }
  return out
}

function readTask(reader: CurveReader, task: LineTask, opts: LineOptions, out: LinesResult): NamedCurve[] {
  const curves: NamedCurve[] = []
  // a group's mean needs each run's whole overlap, so only single runs read just the window
  const window = opts.window && !task.group ? { lo: opts.window[0], hi: opts.window[1], positiveX: opts.logX } : undefined
  for (const run of task.runs) {
    const r = reader.read(run.id, task.metric, opts.x, window)
    if ('missing' in r) {
      out.warnings.push(`Run ${run.name}: ${r.missing}; not drawn.`)
      continue
    }
    if (r.curve.unjoined > 0) out.warnings.push(`Run ${run.name}: ${r.curve.unjoined} points of ${task.metric} have no ${xName(opts.x)} at the same step; left out.`)
    const kept = drawable(r.curve, opts, `Run ${run.name}: `, task.metric, out.warnings)
    const extent = r.curve.extent ?? (kept.x.length ? [kept.x[0], kept.x[kept.x.length - 1]] : undefined)
    if (extent) widen(out, extent)
    if (kept.x.length === 0) out.warnings.push(`Run ${run.name}: no drawable point of ${task.metric}${window ? ' in the zoom window' : ''}; not drawn.`)
    else curves.push({ id: run.id, name: run.name, ...kept, ...(r.curve.extent ? { extent: r.curve.extent } : {}) })
  }
  return curves
}

/** Points a log axis cannot draw (non-positive) and non-finite values are dropped, and said. */
function drawable(c: Curve, opts: LineOptions, who: string, metric: string, warnings: string[]): Curve {
  let badX = 0
  let badY = 0
  let nonFinite = 0
  const x: number[] = []
  const y: number[] = []
  for (let i = 0; i < c.x.length; i++) {
    const xi = c.x[i]
    const yi = c.y[i]
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) nonFinite++
    else if (opts.logX && xi <= 0) badX++
    else if (opts.logY && yi <= 0) badY++
    else {
      x.push(xi)
      y.push(yi)
    }
  }
  if (badX) warnings.push(`${who}${badX} points of ${metric} at ${xName(opts.x)} <= 0 dropped (log x axis).`)
  if (badY) warnings.push(`${who}${badY} points of ${metric} <= 0 dropped (log y axis).`)
  if (nonFinite) warnings.push(`${who}${nonFinite} points of ${metric} that are not finite numbers dropped.`)
  return { x, y }
}

function xName(x: CurveX): string {
  return x.startsWith('metric:') ? x.slice('metric:'.length) : x
}

function widen(out: LinesResult, [a, b]: [number, number]): void {
  out.extent = out.extent ? [Math.min(out.extent[0], a), Math.max(out.extent[1], b)] : [a, b]
}

function drawTask(task: LineTask, curves: NamedCurve[], opts: LineOptions, warnings: string[]): MetricLine[] {
  if (curves.length === 0) return []
  if (!task.group) return [runLine(task, curves[0], opts)]
  if (curves.length === 1) {
    // a group of one run is said once by curveSeries; a group whose other runs lack data is said here
    if (task.runs.length > 1) warnings.push(`Group ${task.label} (${task.metric}): only run ${curves[0].name} has data; drawn as that run, without a band.`)
    return [{ ...runLine(task, curves[0], opts), key: task.key, label: task.label }]
  }
  const overlap = overlapOf(curves)
  if (!overlap) {
    warnings.push(`Group ${task.label} (${task.metric}): its runs' x ranges do not overlap (${ranges(curves)}); each run is drawn on its own.`)
    return curves.map((c) => ({ ...runLine(task, c, opts), key: `run:${c.id}`, label: c.name }))
  }
  const [a, b] = overlap
  if (curves.some((c) => c.x[0] < a || c.x[c.x.length - 1] > b)) {
    warnings.push(`Group ${task.label} (${task.metric}): the mean and band cover only the x all its runs reach, ${fmt(a)} to ${fmt(b)} (${ranges(curves)}).`)
  }
  return [groupLine(task, curves, overlap, opts)]
}

function ranges(curves: readonly NamedCurve[]): string {
  return curves.map((c) => `${c.name}: ${fmt(c.x[0])}-${fmt(c.x[c.x.length - 1])}`).join(', ')
}

function fmt(v: number): string {
  return Math.abs(v) >= 1e5 ? v.toExponential(3) : Number(v.toPrecision(4)).toString()
}

function windowOf(x: readonly number[], opts: LineOptions, bounds?: [number, number]): SampleWindow {
  let lo = bounds ? bounds[0] : x[0]
  let hi = bounds ? bounds[1] : x[x.length - 1]
  if (opts.window) {
    lo = Math.max(lo, opts.window[0])
    hi = Math.min(hi, opts.window[1])
  }
  if (opts.logX && lo <= 0) lo = x[0]
  return { lo, hi, columns: opts.pixels, log: opts.logX }
}

function pick(v: readonly number[], idx: readonly number[]): number[] {
  return idx.map((i) => v[i])
}

function runLine(task: LineTask, c: NamedCurve, opts: LineOptions): MetricLine {
  const idx = minMaxSample(c.x, c.y, windowOf(c.x, opts))
  return { metric: task.metric, order: task.order, key: `run:${c.id}`, label: c.name, runIds: [c.id], x: pick(c.x, idx), y: pick(c.y, idx), rawPoints: c.x.length, sampled: idx.length < c.x.length }
}

/** The grid: each run's min-max samples inside the overlap and window (so every run's spikes are grid columns). */
function groupLine(task: LineTask, curves: readonly NamedCurve[], overlap: [number, number], opts: LineOptions): MetricLine {
  const w = windowOf(curves[0].x, opts, overlap)
  const xs = curves.map((c) => pick(c.x, minMaxSample(c.x, c.y, w)))
  const grid = unionGrid(xs, overlap[0], overlap[1])
  const band = bandAt(curves, grid, opts.band)
  const idx = minMaxSample(grid, band.y, w)
  const rawPoints = curves.reduce((s, c) => s + c.x.length, 0)
  return {
    metric: task.metric,
    order: task.order,
    key: task.key,
    label: task.label,
    runIds: curves.map((c) => c.id),
    x: pick(grid, idx),
    y: pick(band.y, idx),
    lo: pick(band.lo, idx),
    hi: pick(band.hi, idx),
    rawPoints,
    // the mean is computed at every grid column; sampled says whether the columns drawn are fewer
    sampled: idx.length < grid.length,
  }
}
