/**
 * curveSeries: the lines of runs' metrics for one chart. The lab's thread reads only the runs' fields and forms
 * the groups; the points are read and sampled in long-lived worker threads (curve-pool.ts, curves-read), each with
 * its own read-only connection, the lines split between them by run count. An in-memory catalog (tests) is read
 * on this thread.
 */
import type { Catalog } from '../catalog'
import type { CurveChart, CurvePanel } from '../../shared/api/curves'
import type { ParsedRequestOf } from '../../shared/api'
import { curveLines, type LineOptions, type LineTask, type LinesResult } from './curve-lines'
import { poolSize, readInPool } from './curve-pool'
import { readRunFacts } from './run-facts'
import { groupRuns, type RunFacts } from './run-groups'

export const DEFAULT_PIXELS = 1600

export type CurveSeriesRequest = ParsedRequestOf<'curveSeries'>

export async function curveSeries(catalog: Catalog, catalogPath: string, req: CurveSeriesRequest): Promise<CurveChart> {
  const { runs, unknown } = readRunFacts(catalog.db, req.runIds)
  const warnings = unknown.map((id) => `Run id ${id} is not in the catalog (deleted?); left out.`)
  const tasks = lineTasks(runs, req)
  const groupBy = req.groupBy ?? 'none'
  if (groupBy !== 'none') warnings.push(...singleRunGroups(tasks, req.metrics[0]))
  const options: LineOptions = { x: req.x, window: req.window, pixels: req.pixels ?? DEFAULT_PIXELS, logX: req.logX ?? false, logY: req.logY ?? false, band: req.band ?? 'minmax' }
  const results = catalogPath === ':memory:' ? [curveLines(catalog.db, tasks, options)] : await inWorkers(catalogPath, tasks, options)
  return assemble(req, results, warnings)
}

function lineTasks(runs: readonly RunFacts[], req: CurveSeriesRequest): LineTask[] {
  const groupBy = req.groupBy ?? 'none'
  const names = new Map(runs.map((r) => [r.id, r.name]))
  const groups = groupRuns(runs, groupBy)
  return req.metrics.flatMap((metric) =>
    groups.map((g) => ({ metric, key: g.key, label: g.label, runs: g.runIds.map((id) => ({ id, name: names.get(id) as string })), group: groupBy !== 'none' })),
  ).map((t, order) => ({ ...t, order }))
}

/** Groups formed by one run only (said once, for the first metric; the lines say it per metric when data lack). */
function singleRunGroups(tasks: readonly LineTask[], metric: string): string[] {
  return tasks.filter((t) => t.metric === metric && t.runs.length === 1).map((t) => `Group ${t.label} has one run (${t.runs[0].name}); it is drawn as that run, without a band.`)
}

/** Split the tasks into at most one chunk a core, balanced by their runs. */
function chunks(tasks: readonly LineTask[]): LineTask[][] {
  const n = Math.max(1, Math.min(poolSize(), tasks.length))
  const out: LineTask[][] = Array.from({ length: n }, () => [])
  const load = new Array<number>(n).fill(0)
  const order = [...tasks].sort((a, b) => b.runs.length - a.runs.length)
  for (const t of order) {
    const i = load.indexOf(Math.min(...load))
    out[i].push(t)
    load[i] += t.runs.length
  }
  return out.filter((c) => c.length)
}

async function inWorkers(catalogPath: string, tasks: readonly LineTask[], options: LineOptions): Promise<LinesResult[]> {
  if (tasks.length === 0) return []
  return Promise.all(chunks(tasks).map((c, i) => readInPool(catalogPath, i, c, options)))
}

function assemble(req: CurveSeriesRequest, results: readonly LinesResult[], warnings: string[]): CurveChart {
  const panels: CurvePanel[] = req.metrics.map((metric) => ({ metric, lines: [] }))
  let extent: [number, number] | null = null
  for (const r of results) {
    warnings.push(...r.warnings)
    if (r.extent) extent = extent ? [Math.min(extent[0], r.extent[0]), Math.max(extent[1], r.extent[1])] : r.extent
  }
  const lines = results.flatMap((r) => r.lines).sort((a, b) => a.order - b.order)
  for (const { metric, order: _order, ...line } of lines) panels.find((p) => p.metric === metric)?.lines.push(line)
  return { x: req.x, xExtent: extent, panels, warnings }
}
