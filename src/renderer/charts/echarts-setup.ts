/**
 * ECharts set up once for the whole renderer: only the charts and components the lab uses are registered
 * (tree-shaken through echarts/core), both renderers (canvas on screen and for PNG, SVG for SVG/PDF export),
 * and the lab's light and dark themes. Views that need another chart type add it to the `use` list here.
 */
import { use, registerTheme } from 'echarts/core'
import { LineChart, ScatterChart, BarChart } from 'echarts/charts'
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  TitleComponent,
  MarkLineComponent,
  MarkAreaComponent,
  BrushComponent,
  ToolboxComponent,
} from 'echarts/components'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'
import { LAB_THEME_DARK, LAB_THEME_LIGHT, darkTheme, lightTheme } from './themes'

let done = false

export function setupECharts(): void {
  if (done) return
  done = true
  use([
    LineChart,
    ScatterChart,
    BarChart,
    GridComponent,
    TooltipComponent,
    LegendComponent,
    DataZoomComponent,
    TitleComponent,
    MarkLineComponent,
    MarkAreaComponent,
    BrushComponent,
    ToolboxComponent,
    CanvasRenderer,
    SVGRenderer,
  ])
  registerTheme(LAB_THEME_LIGHT, lightTheme)
  registerTheme(LAB_THEME_DARK, darkTheme)
}
