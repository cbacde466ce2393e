/**
 * scaling-lab curves --runs a,b --metric loss --x tokens [--out fig.svg|png|pdf] [--json]: many runs' metric curves on
 * one chart, headless; the same engine (curveSeries: min-max sampled per pixel column, groups with bands) and the
 * same option builder as the Curves view. --json prints the CurveChart.
 */
import { writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { BAND_KINDS, curveXSchema, groupBySchema, type BandKind, type CurveChart, type CurveGroupBy, type CurveX } from '../../shared/api/curves'
import { LabError } from '../../shared/errors'
import { listOption, option, type ParsedArgs } from '../args'
import { requireOneProject } from '../catalog-option'
import type { CliCommand, CliIo } from '../command'
import { intOption, quantityOption } from '../quantity-option'
import { runIdsByName } from '../run-names'
import { visible } from '../visible'
import { withLab } from '../lab-session'

function figureFormat(path: string): 'svg' | 'png' | 'pdf' {
  const ext = extname(path).toLowerCase().slice(1)
  if (ext === 'svg' || ext === 'png' || ext === 'pdf') return ext
  throw new LabError('usage', `--out ${JSON.stringify(path)} must end in .svg, .png or .pdf.`)
}

interface CurvesArgs {
  runs: string[]
  metrics: string[]
  x: CurveX
  groupBy?: CurveGroupBy
  band?: BandKind
  smoothing: number
  logX: boolean
  logY: boolean
}

function readArgs(args: ParsedArgs): CurvesArgs {
  const runs = listOption(args, 'runs')
  if (!runs?.length) throw new LabError('usage', 'curves needs --runs NAME,NAME (run names of one project)')
  const metrics = listOption(args, 'metric')
  if (!metrics?.length) throw new LabError('usage', 'curves needs --metric NAME (repeat it for small multiples)')
  if (metrics.length > 12) throw new LabError('usage', `--metric: at most 12 metrics, not ${metrics.length}`)
  const x = curveXSchema.safeParse(option(args, 'x') ?? 'step')
  if (!x.success) throw new LabError('usage', `--x ${JSON.stringify(option(args, 'x'))} must be step, tokens, flops, wall_time or metric:<name>`)
  const g = option(args, 'group-by')
  const groupBy = g === undefined ? undefined : groupBySchema.safeParse(g)
  if (groupBy && !groupBy.success) throw new LabError('usage', `--group-by ${JSON.stringify(g)} must be none, family, tag, seed or config:<field>`)
  const band = option(args, 'band')
  if (band !== undefined && !(BAND_KINDS as readonly string[]).includes(band)) throw new LabError('usage', `--band ${JSON.stringify(band)} must be ${BAND_KINDS.join(' or ')}`)
  const smoothing = quantityOption(args, 'smoothing', (n) => n >= 0 && n < 1, 'an EMA weight from 0 up to (not including) 1') ?? 0
  return { runs, metrics, x: x.data, groupBy: groupBy?.data, band: band as BandKind | undefined, smoothing, logX: args.switches.has('log-x'), logY: args.switches.has('log-y') }
}

export const curvesCommand: CliCommand = {
  name: 'curves',
  summary: "draw runs' metric curves on one chart (groups over seeds with bands) to SVG, PNG or PDF, or print them",
  usage: `scaling-lab curves --runs NAMES --metric NAME [--metric NAME] [--x step|tokens|flops|wall_time|metric:NAME]
                     [--group-by none|family|tag|seed|config:FIELD] [--band minmax|std] [--smoothing W] [--log-x] [--log-y]
                     [--out FILE.svg|png|pdf] [--width PX] [--height PX] [--pixel-ratio R] [--theme light|dark]
                     [--catalog PATH] [--project NAME] [--json]
  One panel per metric, sharing x. Each run's curve is sampled min-max per pixel column of the figure's width (so
  spikes survive); --group-by seed draws runs that differ only by seed as their mean with a band. --smoothing is
  TensorBoard's debiased EMA weight (the raw curve is drawn faint beneath). Warnings (runs without the metric,
  points a log axis drops, groups of one run) are printed, and in --json, which prints the CurveChart.`,
  args: {
    values: ['runs', 'metric', 'x', 'group-by', 'band', 'smoothing', 'out', 'width', 'height', 'pixel-ratio', 'theme', 'catalog', 'project'],
    switches: ['log-x', 'log-y', 'json'],
  },
  async run(args, io) {
    if (args.positionals.length) throw new LabError('usage', `unexpected argument ${JSON.stringify(args.positionals[0])}`)
    const a = readArgs(args)
    const out = option(args, 'out')
    const format = out === undefined ? undefined : figureFormat(out)
    const theme = option(args, 'theme')
    if (theme !== undefined && theme !== 'light' && theme !== 'dark') throw new LabError('usage', `--theme ${JSON.stringify(theme)} must be light or dark`)
    const width = intOption(args, 'width', 200, 8000)
    const height = intOption(args, 'height', 150, 8000)
    const pixelRatio = quantityOption(args, 'pixel-ratio', (n) => n >= 0.5 && n <= 8, 'a pixel ratio from 0.5 to 8')
    return withLab(args, async (lab) => {
      const projectId = await requireOneProject(lab, args)
      const runIds = await runIdsByName(lab, projectId, a.runs, '--runs')
      const request = { runIds, metrics: a.metrics, x: a.x, groupBy: a.groupBy, band: a.band, logX: a.logX, logY: a.logY }
      let chart: CurveChart
      if (out !== undefined && format !== undefined) {
        const r = await lab.invoke('renderCurves', { ...request, smoothing: a.smoothing, format, width, height, pixelRatio, theme })
        const data = Buffer.from(r.base64, 'base64')
        writeFileSync(out, data)
        chart = r.chart
        ;(args.switches.has('json') ? io.stderr : io.stdout)(`wrote ${out} (${r.format}, ${data.length} bytes)\n`)
      } else {
        chart = await lab.invoke('curveSeries', { ...request, pixels: width ?? 900 })
      }
      if (args.switches.has('json')) io.stdout(JSON.stringify(chart) + '\n')
      else printChart(chart, io)
      return 0
    })
  },
}

/** One line per drawn line: its runs, points drawn of points logged, first and last value, minimum; then warnings. */
function printChart(chart: CurveChart, io: CliIo): void {
  const num = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '-' : Math.abs(v) >= 1e5 ? v.toExponential(4) : String(Number(v.toPrecision(5))))
  for (const p of chart.panels) {
    io.stdout(`${visible(p.metric)} against ${visible(chart.x)}: ${p.lines.length} line${p.lines.length === 1 ? '' : 's'}\n`)
    for (const l of p.lines) {
      const band = l.lo && l.hi ? ' (mean of its runs, with a band)' : ''
      io.stdout(
        `  ${visible(l.label).padEnd(32)} runs=${l.runIds.length} points=${l.x.length}/${l.rawPoints} x=${num(l.x[0])}..${num(l.x[l.x.length - 1])} first=${num(l.y[0])} last=${num(l.y[l.y.length - 1])} min=${num(Math.min(...l.y))}${band}\n`,
      )
    }
  }
  for (const w of chart.warnings) io.stdout(`  warning: ${visible(w)}\n`)
}
