/**
 * Headless ECharts: the same option a view draws, rendered to an SVG string in Node with ECharts'
 * server-side SVG renderer (no DOM), for `scaling-lab figure` and for exports made outside a window.
 */
import * as echarts from 'echarts'

export interface SvgRenderOptions {
  width: number
  height: number
  theme?: 'light' | 'dark'
}

export function renderOptionToSvg(option: echarts.EChartsCoreOption, { width, height, theme = 'light' }: SvgRenderOptions): string {
  const chart = echarts.init(null, theme === 'dark' ? 'dark' : undefined, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
