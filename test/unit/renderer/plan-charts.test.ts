/** The Plan view's fans: bands as lower line + stacked width, the target marked, the runs placed, tooltips escaped. */
import { describe, expect, it } from 'vitest'
import type { PlanInfo } from '../../../src/shared/api'
import { allocationFanOption, lossFanOption, type PlanChartLabels } from '../../../src/renderer/components/plan/plan-charts'

const labels: PlanChartLabels = { flops: 'C', loss: 'L', count: 'N / D', runs: 'Runs', recommended: 'Recommended', naive: 'Naive', forecast: '<b>Forecast</b>', band: 'Band', target: 'target', nOpt: 'N_opt', dOpt: 'D_opt' }
const fan = [1e20, 1e21, 1e22].map((flops, i) => ({ flops, loss: 2.5 - 0.2 * i, lo: 2.4 - 0.2 * i, hi: 2.65 - 0.2 * i, N_opt: 1e9 * (i + 1), N_lo: 8e8 * (i + 1), N_hi: 1.3e9 * (i + 1), D_opt: 2e10 * (i + 1), D_lo: 1.5e10 * (i + 1), D_hi: 2.6e10 * (i + 1) }))
const plan = {
  target_flops: 1e22,
  fan,
  runs: [{ run: 'a', params: 1e8, tokens: 2e9, flops: 1.2e18, loss: 3.1 }],
  recommendations: [{ params: 3e8, tokens: 1.5e9, flops: 2.7e18, tokens_per_param: 5, predicted_loss: 3.0, interval_after: [2.0, 2.4] }],
  naive: { runs: [{ params: 5e8, tokens: 1e10, flops: 3e19 }] },
  forecast: { loss: { value: 2.1 } },
} as unknown as PlanInfo

type Series = { id?: string; name?: string; type?: string; data?: number[][]; markLine?: { data: { xAxis: number }[] } }

describe('plan fans', () => {
  it('draws the loss band as its lower edge plus its width, the forecast with the target marked, and the runs', () => {
    const o = lossFanOption(plan, labels, false)
    const series = o.series as Series[]
    const lo = series.find((s) => s.id === 'loss-lo')!
    const hi = series.find((s) => s.id === 'loss-hi')!
    expect(lo.data![2]).toEqual([1e22, 2.0])
    expect(hi.data![2][1]).toBeCloseTo(0.25, 12)
    const forecast = series.find((s) => s.name === labels.forecast)!
    expect(forecast.markLine!.data[0].xAxis).toBe(1e22)
    expect(series.find((s) => s.name === 'Recommended')!.data).toEqual([[2.7e18, 3.0]])
    const tip = (o.tooltip as { formatter: (p: unknown) => string }).formatter({ seriesName: labels.forecast, value: [1e22, 2.1] })
    expect(tip).toContain('&lt;b&gt;Forecast&lt;/b&gt;')
    expect(tip).not.toContain('<b>Forecast')
  })

  it('draws N_opt and D_opt bands and places the recommended and naive runs by their size', () => {
    const series = allocationFanOption(plan, labels, true).series as Series[]
    expect(series.find((s) => s.id === 'nopt-lo')!.data![0]).toEqual([1e20, 8e8])
    expect(series.find((s) => s.id === 'dopt-hi')!.data![1][1]).toBeCloseTo(2 * (2.6e10 - 1.5e10), 0)
    expect(series.find((s) => s.name === 'Naive')!.data).toEqual([[3e19, 5e8]])
    expect(series.find((s) => s.name === 'Recommended')!.data).toEqual([[2.7e18, 3e8]])
  })
})
