/**
 * An ECharts value/log axis that speaks the field's units: ticks as 1B / 300B / 1e21, the hover pointer
 * label as 1.41B or 5.76e23, minor ticks on log axes. For every view: scaling charts use log: true on both.
 */
import type { XAXisComponentOption, YAXisComponentOption } from 'echarts'
import { formatAxisTick, formatQuantity, type QuantityKind } from '../format/units'

export interface QuantityAxisInput {
  kind: QuantityKind
  name: string
  log: boolean
  /** gap between the axis and its name, in px */
  nameGap?: number
}

export function quantityAxis(a: QuantityAxisInput): XAXisComponentOption & YAXisComponentOption {
  return {
    type: a.log ? 'log' : 'value',
    name: a.name,
    nameLocation: 'middle',
    nameGap: a.nameGap ?? 28,
    scale: !a.log,
    axisLabel: { formatter: (v: number) => formatAxisTick(a.kind, v), hideOverlap: true },
    axisPointer: { label: { formatter: (p: { value: unknown }) => formatQuantity(a.kind, Number(p.value)) } },
    minorTick: { show: a.log },
  } as XAXisComponentOption & YAXisComponentOption
}
