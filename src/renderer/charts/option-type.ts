/** The one ECharts option type the lab uses: composed from the charts and components registered in echarts-setup. */
import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption, ScatterSeriesOption, BarSeriesOption } from 'echarts/charts'
import type {
  GridComponentOption,
  TooltipComponentOption,
  LegendComponentOption,
  DataZoomComponentOption,
  TitleComponentOption,
  MarkLineComponentOption,
  MarkAreaComponentOption,
  BrushComponentOption,
  ToolboxComponentOption,
} from 'echarts/components'

export type LabChartOption = ComposeOption<
  | LineSeriesOption
  | ScatterSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | TitleComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
  | BrushComponentOption
  | ToolboxComponentOption
>
