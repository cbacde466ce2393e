/**
 * Render a chart option off screen for export: SVG through the SVG renderer in server-side mode
 * (renderToSVGString), PNG / JPEG through a hidden canvas instance at a chosen pixel ratio (getDataURL).
 */
import { init } from 'echarts/core'
import type { LabChartOption } from '../charts/option-type'
import type { FigureSize } from './paper-sizes'

export function renderSvgString(option: LabChartOption, size: FigureSize, theme: string): string {
  const chart = init(null, theme, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    chart.setOption(option)
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

export function renderRasterDataUrl(option: LabChartOption, size: FigureSize, theme: string, pixelRatio: number, type: 'png' | 'jpeg', background: string): string {
  const host = document.createElement('div')
  host.style.cssText = `position:fixed;left:-100000px;top:0;width:${size.width}px;height:${size.height}px;`
  document.body.appendChild(host)
  const chart = init(host, theme, { renderer: 'canvas', width: size.width, height: size.height, devicePixelRatio: pixelRatio })
  try {
    chart.setOption(option)
    return chart.getDataURL({ type, pixelRatio, backgroundColor: background })
  } finally {
    chart.dispose()
    host.remove()
  }
}

export function dataUrlToBytes(url: string): Uint8Array {
  return base64ToBytes(url.slice(url.indexOf(',') + 1))
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
