/**
 * The ECharts option for a run's metric curves: per curve an optional min/max band (W&B __MIN/__MAX) drawn
 * as a stacked area, the raw curve faint when smoothing is on, and the EMA-smoothed curve on top; log or
 * linear axes chosen per axis; long curves downsampled with LTTB for display only; hover read-outs in units.
 * Pure: no DOM, so it is unit-tested and reused by other views.
 */
import type { LineSeriesOption } from 'echarts/charts'
import { emaSmooth } from '../../shared/smoothing'
import { lttbIndices } from './lttb'
import { paletteColor, withAlpha } from './palette'
import type { LabChartOption } from './option-type'
import { formatAxisTick, formatQuantity, type QuantityKind } from '../format/units'
import { escapeHtml } from '../../shared/escape-html'
import { quantityAxis } from './quantity-axis'

export interface Curve {
  name: string
  x: ArrayLike<number>
  y: ArrayLike<number>
  lo?: ArrayLike<number | null>
  hi?: ArrayLike<number | null>
}

export interface CurveOptionInput {
  curves: Curve[]
  xKind: QuantityKind
  xName: string
  yName: string
  logX: boolean
  logY: boolean
  /** EMA weight in [0, 1); 0 = no smoothing */
  smoothing: number
  dark?: boolean
  /** most points drawn per curve; longer curves are downsampled with LTTB */
  maxPoints?: number
  /** show a dataZoom slider (screens) or not (exports) */
  zoom?: boolean
  /** label of the raw curve in read-outs */
  rawLabel?: string
}

export interface PreparedCurve {
  x: number[]
  y: number[]
  lo: (number | null)[] | null
  hi: (number | null)[] | null
  /** points dropped because a log axis cannot draw them (x or y <= 0, or not finite) */
  dropped: number
}

/** Keep drawable points for the chosen axes, then downsample the kept ones for display. */
export function prepareCurve(c: Curve, logX: boolean, logY: boolean, maxPoints: number): PreparedCurve {
  const keep: number[] = []
  for (let i = 0; i < c.x.length; i++) {
    const xi = c.x[i]
    const yi = c.y[i]
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue
    if ((logX && xi <= 0) || (logY && yi <= 0)) continue
    keep.push(i)
  }
  const dropped = c.x.length - keep.length
  let idx = keep
  if (keep.length > maxPoints) {
    const kx = keep.map((i) => c.x[i])
    const ky = keep.map((i) => c.y[i])
    idx = lttbIndices(kx, ky, maxPoints, { logX, logY, bucketsByX: logX }).map((j) => keep[j])
  }
  const band = (arr: ArrayLike<number | null> | undefined): (number | null)[] | null => {
    if (!arr) return null
    return idx.map((i) => {
      const v = arr[i]
      if (v === null || v === undefined || !Number.isFinite(v)) return null
      if (logY && v <= 0) return null
      return v
    })
  }
  return { x: idx.map((i) => c.x[i]), y: idx.map((i) => c.y[i]), lo: band(c.lo), hi: band(c.hi), dropped }
}

export function buildCurveOption(input: CurveOptionInput): { option: LabChartOption; dropped: number } {
  const maxPoints = input.maxPoints ?? 2000
  const series: LineSeriesOption[] = []
  let dropped = 0
  const smoothing = input.smoothing > 0 ? Math.min(input.smoothing, 0.999) : 0
  input.curves.forEach((curve, i) => {
    const color = paletteColor(i, input.dark)
    const p = prepareCurve(curve, input.logX, input.logY, maxPoints)
    dropped += p.dropped
    // the legend takes its colour from the first series of a name: the main curve goes first, layers by z
    const layers: LineSeriesOption[] = []
    if (p.lo && p.hi && p.lo.some((v) => v !== null)) {
      const stack = `band-${i}`
      const lo = p.lo
      const hi = p.hi
      layers.push({
        id: `band-lo-${i}`,
        name: curve.name,
        type: 'line',
        data: p.x.map((x, k) => [x, lo[k]]),
        stack,
        lineStyle: { opacity: 0 },
        symbol: 'none',
        silent: true,
        tooltip: { show: false },
        z: 1,
      })
      layers.push({
        id: `band-hi-${i}`,
        name: curve.name,
        type: 'line',
        data: p.x.map((x, k) => [x, lo[k] !== null && hi[k] !== null ? (hi[k] as number) - (lo[k] as number) : null]),
        stack,
        lineStyle: { opacity: 0 },
        areaStyle: { color: withAlpha(color, input.dark ? 0.3 : 0.22) },
        symbol: 'none',
        silent: true,
        tooltip: { show: false },
        z: 1,
      })
    }
    const points = p.x.map((x, k) => [x, p.y[k]])
    if (smoothing > 0) {
      layers.unshift({
        id: `raw-${i}`,
        name: curve.name,
        type: 'line',
        data: points,
        showSymbol: false,
        lineStyle: { color: withAlpha(color, 0.25), width: 1 },
        itemStyle: { color: withAlpha(color, 0.25) },
        emphasis: { disabled: true },
        z: 2,
      })
      const ys = emaSmooth(p.y, smoothing)
      series.push({
        id: `curve-${i}`,
        name: curve.name,
        type: 'line',
        data: p.x.map((x, k) => [x, ys[k]]),
        showSymbol: p.x.length < 60,
        color,
        lineStyle: { color, width: 1.8 },
        z: 3,
      })
      series.push(...layers)
    } else {
      series.push({
        id: `curve-${i}`,
        name: curve.name,
        type: 'line',
        data: points,
        showSymbol: p.x.length < 60,
        color,
        lineStyle: { color, width: 1.8 },
        z: 3,
      })
      series.push(...layers)
    }
  })

  const xKind = input.xKind
  const option: LabChartOption = {
    animation: false,
    grid: { left: 64, right: 24, top: 40, bottom: input.zoom === false ? 48 : 80, containLabel: false },
    legend: { top: 4, type: 'scroll', data: input.curves.map((c) => c.name) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross', snap: true },
      valueFormatter: (v) => (typeof v === 'number' ? formatQuantity('metric', v) : String(v ?? '')),
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params]
        const rows = list.filter((p) => typeof p.seriesId === 'string' && p.seriesId.startsWith('curve-'))
        if (rows.length === 0) return ''
        const first = rows[0].value as number[]
        const head = `${escapeHtml(input.xName)}: ${formatQuantity(xKind, first[0])}`
        const body = rows.map((p) => `${String(p.marker ?? '')} ${escapeHtml(p.seriesName ?? '')}: <b>${formatQuantity('metric', (p.value as number[])[1])}</b>`)
        return [head, ...body].join('<br/>')
      },
    },
    xAxis: quantityAxis({ kind: xKind, name: input.xName, log: input.logX, nameGap: 28 }),
    yAxis: quantityAxis({ kind: 'metric', name: input.yName, log: input.logY, nameGap: 48 }),
    dataZoom:
      input.zoom === false
        ? []
        : [
            { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
            { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 18, bottom: 8, labelFormatter: (v: number) => formatAxisTick(xKind, v) },
          ],
    series,
  }
  return { option, dropped }
}
