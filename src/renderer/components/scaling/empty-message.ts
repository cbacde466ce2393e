/**
 * What the Scaling view says when no run can be plotted: it names the project's loss metric (the one the
 * points were read with), or says that the project has none, rather than the metric a saved session remembers.
 */
import type { LossMetricInfo } from '../../../shared/api'

type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * @param info the project's loss metric, null while it is being read
 * @param sessionMetric the metric the session fits (it follows the project's as soon as that is read)
 */
export function scalingEmptyMessage(t: Translate, info: LossMetricInfo | null, sessionMetric: string): string {
  if (info && info.metric === null) return t('lossLabel.noLossMetric')
  return t('scaling.noPoints', { metric: info?.metric ?? sessionMetric })
}
