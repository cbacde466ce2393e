/** Light and dark ECharts themes for the lab, built on the Okabe-Ito palette. Registered once by echarts-setup. */
import { PALETTE_DARK, PALETTE_LIGHT } from './palette'

/**
 * Font stacks. Single quotes only: ECharts writes the family into an SVG style="..." attribute unescaped,
 * and a double quote there makes the exported SVG invalid.
 */
export const SCREEN_FONTS = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"
/** Figures for papers: Helvetica/Arial as journals ask, CJK fallbacks for Chinese labels. */
export const PAPER_FONTS = "Helvetica, Arial, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"

export const LAB_THEME_LIGHT = 'lab-light'
export const LAB_THEME_DARK = 'lab-dark'
export type LabChartTheme = typeof LAB_THEME_LIGHT | typeof LAB_THEME_DARK

interface Tones {
  background: string
  text: string
  subtle: string
  axis: string
  split: string
  tooltipBg: string
  tooltipBorder: string
}

function themeFrom(palette: string[], t: Tones): Record<string, unknown> {
  const axis = {
    axisLine: { show: true, lineStyle: { color: t.axis } },
    axisTick: { show: true, lineStyle: { color: t.axis } },
    axisLabel: { color: t.subtle },
    splitLine: { show: true, lineStyle: { color: t.split } },
    minorSplitLine: { lineStyle: { color: t.split, opacity: 0.5 } },
    nameTextStyle: { color: t.text },
  }
  return {
    color: palette,
    backgroundColor: t.background,
    textStyle: { color: t.text, fontFamily: SCREEN_FONTS },
    title: { textStyle: { color: t.text }, subtextStyle: { color: t.subtle } },
    legend: { textStyle: { color: t.text }, inactiveColor: t.split },
    tooltip: { backgroundColor: t.tooltipBg, borderColor: t.tooltipBorder, textStyle: { color: t.text } },
    valueAxis: axis,
    logAxis: axis,
    categoryAxis: { ...axis, splitLine: { show: false } },
    timeAxis: axis,
    dataZoom: { textStyle: { color: t.subtle }, borderColor: t.split, fillerColor: 'rgba(86,180,233,0.15)', handleStyle: { color: t.subtle } },
    line: { symbol: 'circle', symbolSize: 4, lineStyle: { width: 1.6 } },
    scatter: { symbolSize: 7 },
  }
}

export const lightTheme = themeFrom(PALETTE_LIGHT, {
  background: 'transparent',
  text: '#1f2328',
  subtle: '#57606a',
  axis: '#8c959f',
  split: '#e6e8eb',
  tooltipBg: '#ffffff',
  tooltipBorder: '#d0d7de',
})

export const darkTheme = themeFrom(PALETTE_DARK, {
  background: 'transparent',
  text: '#e6edf3',
  subtle: '#9da7b3',
  axis: '#6e7681',
  split: '#30363d',
  tooltipBg: '#161b22',
  tooltipBorder: '#30363d',
})
