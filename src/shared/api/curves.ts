/**
 * Curves of many runs (issue 14): any logged metric of several runs against step, tokens, FLOPs, wall time or another
 * logged metric, sampled per zoom level in the engine (min-max per pixel column, so spikes survive), optionally
 * grouped (runs that differ only by seed become one line with a band), and saved views of a selection with its chart
 * settings. The channels behind the Curves view and `scaling-lab curves`.
 */
import { z } from 'zod'
import { channel } from './channel'

/** What a curve is drawn against: the series' own x, wall time (the run's logged wall_time), or another metric. */
export const CURVE_X_KINDS = ['step', 'tokens', 'flops', 'wall_time'] as const
export type CurveXKind = (typeof CURVE_X_KINDS)[number]
/** `step` | `tokens` | `flops` | `wall_time` | `metric:<name>` (another logged metric, joined on step) */
export const curveXSchema = z.union([z.enum(CURVE_X_KINDS), z.string().regex(/^metric:.{1,200}$/, 'metric:<name>')])
export type CurveX = z.infer<typeof curveXSchema>

/** How runs become lines: one line a run, or a line per value of a field with a band over its runs. */
export const groupBySchema = z.union([
  z.enum(['none', 'family', 'tag', 'seed']),
  /** a configuration field (the run's config JSON), e.g. `config:lr` */
  z.string().regex(/^config:.{1,200}$/, 'config:<field>'),
])
export type CurveGroupBy = z.infer<typeof groupBySchema>
export const BAND_KINDS = ['minmax', 'std'] as const
export type BandKind = (typeof BAND_KINDS)[number]

/** The chart settings a saved view keeps (and the Curves view's state). */
export const curveSettingsSchema = z
  .object({
    metrics: z.array(z.string().trim().min(1).max(200)).min(1).max(12),
    x: curveXSchema,
    logX: z.boolean(),
    logY: z.boolean(),
    /** EMA weight in [0, 1); 0: no smoothing (the raw curve is drawn faint beneath a smoothed one) */
    smoothing: z.number().min(0).max(0.999),
    groupBy: groupBySchema,
    band: z.enum(BAND_KINDS),
  })
  .strict()
export type CurveSettings = z.infer<typeof curveSettingsSchema>

/** One drawn line: a run, or a group's mean with its band. */
export interface CurveLine {
  /** stable key: `run:<id>` or `group:<value>` */
  key: string
  label: string
  runIds: number[]
  x: number[]
  y: number[]
  /** the band of a group (min-max or mean +- one standard deviation), aligned with x */
  lo?: number[]
  hi?: number[]
  /**
   * points in the catalog before sampling (for a single run in a zoom window: those inside it and one either side,
   * the only ones read), and whether the line was sampled for this zoom level
   */
  rawPoints: number
  sampled: boolean
}

export interface CurvePanel {
  metric: string
  lines: CurveLine[]
}

export interface CurveChart {
  x: CurveX
  /** the x range the data cover (before any window), for the zoom control */
  xExtent: [number, number] | null
  panels: CurvePanel[]
  /** every run without the metric or the x, every group of one run, every point dropped (non-positive on a log axis) */
  warnings: string[]
}

export interface SavedView {
  id: number
  projectId: number
  name: string
  runIds: number[]
  settings: CurveSettings
  createdAt: string
  updatedAt: string
  /** runs of the view deleted from the catalog since it was saved: left out of runIds (undoing the delete brings them back) */
  droppedRunIds?: number[]
  /** what the reader should be told about the view (the dropped runs) */
  warnings?: string[]
}

const id = z.number().int().positive()

const curveSeriesRequest = z.object({
  runIds: z.array(id).min(1).max(2000),
  metrics: curveSettingsSchema.shape.metrics,
  x: curveXSchema,
  groupBy: groupBySchema.optional(),
  band: z.enum(BAND_KINDS).optional(),
  window: z.tuple([z.number().finite(), z.number().finite()]).optional(),
  pixels: z.number().int().min(50).max(8000).optional(),
  logX: z.boolean().optional(),
  logY: z.boolean().optional(),
})

/** A rendered Curves figure and the chart it draws. */
export interface CurvesFigure {
  base64: string
  mime: string
  format: 'svg' | 'png' | 'pdf'
  width: number
  height: number
  chart: CurveChart
}

export const curveChannels = {
  /** the sampled lines of runs' metrics; `window` samples only inside that x range (zoom), at about `pixels` columns */
  curveSeries: channel<CurveChart>()(curveSeriesRequest.strict()),
  /**
   * The same chart rendered headless as SVG, PNG or PDF (`scaling-lab curves --out`), sampled at the figure's width,
   * with EMA `smoothing` drawn over the faint raw curves; the bytes come back as base64 with the chart.
   */
  renderCurves: channel<CurvesFigure>()(
    curveSeriesRequest
      .extend({
        smoothing: z.number().min(0).max(0.999).default(0),
        format: z.enum(['svg', 'png', 'pdf']),
        width: z.number().int().min(200).max(8000).default(900),
        height: z.number().int().min(150).max(8000).default(560),
        pixelRatio: z.number().min(0.5).max(8).default(2),
        theme: z.enum(['light', 'dark']).default('light'),
      })
      .strict(),
  ),
  listViews: channel<SavedView[]>()(z.object({ projectId: id }).strict()),
  getView: channel<SavedView>()(z.object({ viewId: id }).strict()),
  /** saves a view by name (a view of the same name in the project is replaced) */
  saveView: channel<SavedView>()(
    z.object({ projectId: id, name: z.string().trim().min(1).max(200), runIds: z.array(id).min(1).max(2000), settings: curveSettingsSchema }).strict(),
  ),
  deleteView: channel<{ deleted: boolean }>()(z.object({ viewId: id }).strict()),
}
