/** The chart builders' labels (src/shared/figures/scaling-charts.ts) in the current language. */
import type { ComputeChartLabels, IsoflopChartLabels, ScalingChartLabels } from '../../../shared/figures/scaling-charts'

type Translate = (key: string, named?: Record<string, unknown>) => string

export function scalingLabels(t: Translate, metric: string): ScalingChartLabels {
  return {
    params: t('scaling.axes.params'),
    tokens: t('scaling.axes.tokens'),
    flops: t('scaling.axes.flops'),
    // a metric already named final ("final loss", "Final_Loss") is not called "Final final loss"
    loss: metric && metric !== 'loss' ? (/^final[\s_/.-]/i.test(metric) ? metric : t('scaling.axes.metric', { metric })) : t('scaling.axes.loss'),
    residual: t('scaling.axes.residual'),
    runs: t('scaling.chart.runs'),
    excluded: t('scaling.chart.excluded'),
    fit: t('scaling.chart.fit'),
    band: t('scaling.chart.band'),
    extrapolation: t('scaling.chart.extrapolation'),
  }
}

export function isoflopLabels(t: Translate): IsoflopChartLabels {
  return {
    params: t('scaling.axes.params'),
    flops: t('scaling.axes.flops'),
    loss: t('scaling.axes.loss'),
    optimal: t('scaling.isoflop.optimal'),
    frontier: t('scaling.isoflop.frontier'),
    vertices: t('scaling.isoflop.vertices'),
    nOpt: 'N_opt',
    dOpt: 'D_opt',
    group: t('scaling.isoflop.group'),
  }
}

export function computeLabels(t: Translate): ComputeChartLabels {
  return {
    flops: t('scaling.axes.flops'),
    nOpt: t('compute.nOptAxis'),
    dOpt: t('compute.dOptAxis'),
    budget: t('compute.budget'),
    gopher: t('compute.gopher'),
    chinchilla: t('compute.chinchilla'),
    tokensPerParam: t('compute.tokensPerParamShort'),
    loss: t('compute.loss'),
  }
}
