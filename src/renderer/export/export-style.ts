/**
 * Restyle a chart option for export: one font size for every text, one line width for every drawn curve,
 * no animation, no zoom slider, no hover machinery. Returns a new option; the screen option is untouched.
 */
import type { LabChartOption } from '../charts/option-type'
import { PAPER_FONTS } from '../charts/themes'

export interface ExportStyle {
  fontSize: number
  lineWidth: number
  /** keep the dataZoom slider (false for papers) */
  keepZoom?: boolean
  /** font stack for every text (no double quotes: it lands in an SVG attribute) */
  fontFamily?: string
}

type Obj = Record<string, unknown>

function asArray(v: unknown): Obj[] {
  if (Array.isArray(v)) return v as Obj[]
  if (v && typeof v === 'object') return [v as Obj]
  return []
}

function withFont(style: unknown, fontSize: number): Obj {
  return { ...((style as Obj) ?? {}), fontSize }
}

/** Shallow-copy the option tree we touch; functions (formatters) are kept as they are. */
export function applyExportStyle(option: LabChartOption, style: ExportStyle): LabChartOption {
  if (!(style.fontSize >= 4 && style.fontSize <= 48)) throw new Error(`font size must be between 4 and 48 pt, got ${style.fontSize}`)
  if (!(style.lineWidth > 0 && style.lineWidth <= 10)) throw new Error(`line width must be between 0 and 10, got ${style.lineWidth}`)
  const o = { ...(option as Obj) }
  const fs = style.fontSize
  o.animation = false
  o.textStyle = { ...withFont(o.textStyle, fs), fontFamily: (style.fontFamily ?? PAPER_FONTS).replace(/"/g, "'") }
  for (const key of ['xAxis', 'yAxis']) {
    if (!(key in o)) continue
    const axes = asArray(o[key]).map((a) => ({
      ...a,
      axisLabel: withFont(a.axisLabel, fs),
      nameTextStyle: withFont(a.nameTextStyle, fs),
      // a name beside the axis clears the tick labels; one above the axis end (nameLocation 'end') keeps its gap
      nameGap: typeof a.nameGap === 'number' && a.nameLocation !== 'end' ? Math.max(a.nameGap as number, fs * 1.9) : a.nameGap,
    }))
    o[key] = Array.isArray(o[key]) ? axes : axes[0]
  }
  if ('legend' in o) {
    // a legend laid out for the export (a gap below the font size) keeps its gap
    const legends = asArray(o.legend).map((l) => ({ ...l, textStyle: withFont(l.textStyle, fs), type: 'plain', itemWidth: fs * 2, itemHeight: fs, itemGap: typeof l.itemGap === 'number' ? Math.min(l.itemGap, fs) : fs }))
    o.legend = Array.isArray(o.legend) ? legends : legends[0]
  }
  if ('title' in o) {
    const titles = asArray(o.title).map((t) => ({ ...t, textStyle: withFont(t.textStyle, fs * 1.15) }))
    o.title = Array.isArray(o.title) ? titles : titles[0]
  }
  if (!style.keepZoom) {
    o.dataZoom = asArray(o.dataZoom).filter((d) => d.type === 'inside')
    const grids = asArray(o.grid).map((g) => ({ ...g, bottom: typeof g.bottom === 'number' ? Math.min(g.bottom as number, 20 + fs * 3) : g.bottom }))
    if ('grid' in o) o.grid = Array.isArray(o.grid) ? grids : grids[0]
  }
  o.series = asArray(o.series).map((s) => {
    const ls = (s.lineStyle as Obj | undefined) ?? {}
    // bands and hidden helper lines keep their (zero) opacity
    if (ls.opacity === 0) return s
    // raw curves under a smoothed one, and a band's outline, stay thinner than the curves
    const faint = typeof s.id === 'string' && /^(raw-|band-edge-|residual-band-)/.test(s.id)
    const out: Obj = { ...s, lineStyle: { ...ls, width: faint ? Math.max(0.5, style.lineWidth * 0.6) : style.lineWidth } }
    if (s.type === 'scatter' && typeof s.symbolSize === 'number') out.symbolSize = Math.max(2, style.lineWidth * 3)
    if (s.label) out.label = withFont(s.label, fs)
    return out
  })
  o.tooltip = { show: false }
  return o as LabChartOption
}
