/**
 * The Curves view draws its lines itself, on a canvas laid over the chart's grids, rather than as one ECharts line
 * series each: ECharts keeps the axes, the zoom, the axis pointer and the read-out, and this layer strokes every run
 * (and fills every group's band) in the axes' own pixel mapping. With 100 runs, ECharts' per-series pipeline (model,
 * layout, path rebuild of each series on every frame of a pan or zoom) cost more than stroking the lines; drawn here,
 * one frame is a pass over each line's points in the visible window (bench/curves-chart.bench.ts).
 * The mapping is affine in the drawn space: px = a + b * v on a linear axis, a + b * log10(v) on a log one; it is
 * read from the chart (two points an axis), so the lines sit exactly where ECharts would put them.
 * Pure drawing: the canvas context is passed in; unit-tested with a recording context.
 */

export interface AxisMap {
  a: number
  b: number
  log: boolean
}

export interface LayerRect {
  x: number
  y: number
  width: number
  height: number
}

export interface LayerLine {
  key: string
  /** x, y interleaved (the points sampled for the screen); NaN y: a gap */
  points: Float64Array
  color: string
  width: number
  alpha: number
  /** a dot at each point (a short line, whose points would otherwise not show) */
  dots?: boolean
}

export interface LayerBand {
  key: string
  x: readonly number[]
  lo: readonly number[]
  hi: readonly number[]
  /** the fill, with its alpha */
  fill: string
}

export interface LayerPanel {
  rect: LayerRect
  x: AxisMap
  y: AxisMap
  bands: LayerBand[]
  /** drawn in this order: the last on top */
  lines: LayerLine[]
}

/** The part of a 2D context the layer uses (a real CanvasRenderingContext2D, or a recorder in tests). */
export interface LayerContext {
  save(): void
  restore(): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  closePath(): void
  rect(x: number, y: number, w: number, h: number): void
  clip(): void
  arc(x: number, y: number, r: number, start: number, end: number): void
  stroke(): void
  fill(): void
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void
  clearRect(x: number, y: number, w: number, h: number): void
  lineWidth: number
  strokeStyle: string | object
  fillStyle: string | object
  globalAlpha: number
  lineJoin: string
}

export function toPixel(m: AxisMap, v: number): number {
  return m.a + m.b * (m.log ? Math.log10(v) : v)
}

/** The data value at pixel p (the inverse of toPixel). */
export function fromPixel(m: AxisMap, p: number): number {
  const t = (p - m.a) / m.b
  return m.log ? 10 ** t : t
}

/** An axis map through two (value, pixel) pairs; null when they do not define one (equal, or <= 0 on a log axis). */
export function axisMapThrough(v0: number, p0: number, v1: number, p1: number, log: boolean): AxisMap | null {
  if (log && (!(v0 > 0) || !(v1 > 0))) return null
  const t0 = log ? Math.log10(v0) : v0
  const t1 = log ? Math.log10(v1) : v1
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || t0 === t1 || !Number.isFinite(p0) || !Number.isFinite(p1)) return null
  const b = (p1 - p0) / (t1 - t0)
  return { a: p0 - b * t0, b, log }
}

const ascendingCache = new WeakMap<Float64Array, boolean>()
function ascending(points: Float64Array): boolean {
  let known = ascendingCache.get(points)
  if (known === undefined) {
    known = true
    for (let k = 2; k < points.length; k += 2) {
      if (!(points[k] >= points[k - 2])) {
        known = false
        break
      }
    }
    ascendingCache.set(points, known)
  }
  return known
}

/** The first and last point to draw for x in [lo, hi]: one point either side, so lines run to the edges. */
export function visibleRange(points: Float64Array, lo: number, hi: number): [number, number] {
  const n = points.length / 2
  if (n === 0 || !ascending(points)) return [0, n - 1]
  const first = (v: number): number => {
    let a = 0
    let b = n
    while (a < b) {
      const m = (a + b) >> 1
      if (points[2 * m] < v) a = m + 1
      else b = m
    }
    return a
  }
  return [Math.max(0, first(lo) - 1), Math.min(n - 1, first(hi))]
}

function strokeLine(ctx: LayerContext, line: LayerLine, p: LayerPanel, xs: [number, number]): void {
  const pts = line.points
  const [from, to] = visibleRange(pts, xs[0], xs[1])
  ctx.beginPath()
  let open = false
  let lastX = NaN
  let lastY = NaN
  for (let k = from; k <= to; k++) {
    const x = pts[2 * k]
    const y = pts[2 * k + 1]
    const px = toPixel(p.x, x)
    const py = toPixel(p.y, y)
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      open = false
      continue
    }
    if (!open) {
      ctx.moveTo(px, py)
      open = true
    } else if (Math.abs(px - lastX) < 0.5 && Math.abs(py - lastY) < 0.5 && k !== to) {
      continue
    } else ctx.lineTo(px, py)
    lastX = px
    lastY = py
  }
  ctx.globalAlpha = line.alpha
  ctx.lineWidth = line.width
  ctx.strokeStyle = line.color
  ctx.stroke()
  if (line.dots) dotPoints(ctx, line, p, from, to)
}

const DOT_RADIUS = 2

function dotPoints(ctx: LayerContext, line: LayerLine, p: LayerPanel, from: number, to: number): void {
  ctx.beginPath()
  for (let k = from; k <= to; k++) {
    const px = toPixel(p.x, line.points[2 * k])
    const py = toPixel(p.y, line.points[2 * k + 1])
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue
    ctx.moveTo(px + DOT_RADIUS, py)
    ctx.arc(px, py, DOT_RADIUS, 0, 2 * Math.PI)
  }
  ctx.fillStyle = line.color
  ctx.fill()
}

function fillBand(ctx: LayerContext, band: LayerBand, p: LayerPanel): void {
  // the band between lo and hi, cut where either is missing
  const n = band.x.length
  let k = 0
  while (k < n) {
    while (k < n && !finitePoint(band, p, k)) k++
    const start = k
    while (k < n && finitePoint(band, p, k)) k++
    if (k - start < 2) continue
    ctx.beginPath()
    ctx.moveTo(toPixel(p.x, band.x[start]), toPixel(p.y, band.hi[start]))
    for (let j = start + 1; j < k; j++) ctx.lineTo(toPixel(p.x, band.x[j]), toPixel(p.y, band.hi[j]))
    for (let j = k - 1; j >= start; j--) ctx.lineTo(toPixel(p.x, band.x[j]), toPixel(p.y, band.lo[j]))
    ctx.closePath()
    ctx.globalAlpha = 1
    ctx.fillStyle = band.fill
    ctx.fill()
  }
}

function finitePoint(band: LayerBand, p: LayerPanel, k: number): boolean {
  return Number.isFinite(toPixel(p.x, band.x[k])) && Number.isFinite(toPixel(p.y, band.lo[k])) && Number.isFinite(toPixel(p.y, band.hi[k]))
}

/** Clears the layer and draws every panel, each clipped to its grid; sizes are CSS px, `dpr` the pixel ratio. */
export function drawCurveLayer(ctx: LayerContext, panels: readonly LayerPanel[], size: { width: number; height: number; dpr: number }): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, size.width * size.dpr, size.height * size.dpr)
  ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0)
  ctx.lineJoin = 'round'
  for (const p of panels) {
    const r = p.rect
    ctx.save()
    ctx.beginPath()
    ctx.rect(r.x, r.y, r.width, r.height)
    ctx.clip()
    const a = fromPixel(p.x, r.x)
    const b = fromPixel(p.x, r.x + r.width)
    const xs: [number, number] = [Math.min(a, b), Math.max(a, b)]
    for (const band of p.bands) fillBand(ctx, band, p)
    for (const line of p.lines) strokeLine(ctx, line, p, xs)
    ctx.restore()
  }
  ctx.globalAlpha = 1
}
