// The Scaling view's empty state names the project's loss metric, or says the project has none.
import { describe, expect, it } from 'vitest'
import type { LossMetricInfo } from '../../../src/shared/api'
import { scalingEmptyMessage } from '../../../src/renderer/components/scaling/empty-message'

const t = (key: string, params?: Record<string, unknown>): string => `${key}${params ? ` ${JSON.stringify(params)}` : ''}`
const info = (metric: string | null): LossMetricInfo => ({ metric, source: metric ? 'project' : 'none', candidates: [], metrics: ['accuracy'], note: '' })

describe('scalingEmptyMessage', () => {
  it("names the project's loss metric, not the metric the saved session remembers", () => {
    expect(scalingEmptyMessage(t, info('val_loss'), 'loss')).toBe('scaling.noPoints {"metric":"val_loss"}')
  })

  it('says that the project has no loss metric when none looks like a loss and none was chosen', () => {
    expect(scalingEmptyMessage(t, info(null), 'loss')).toBe('lossLabel.noLossMetric')
  })

  it("names the session's metric while the project's is still being read", () => {
    expect(scalingEmptyMessage(t, null, 'loss')).toBe('scaling.noPoints {"metric":"loss"}')
  })
})
