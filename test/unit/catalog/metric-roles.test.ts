import { describe, expect, it } from 'vitest'
import { chooseLossMetric, isLossLike, lossCandidates, normalizeMetricName } from '../../../src/core/catalog'

describe('metric roles', () => {
  it('recognise the loss under the names run logs use, case and separators ignored', () => {
    for (const name of ['loss', 'final loss', 'val_loss', 'eval/loss', 'validation/loss', 'train/loss', 'eval_loss', 'lm_loss', 'Final Loss', 'EVAL-LOSS', 'valid.loss', 'test:loss']) {
      expect(isLossLike(name), name).toBe(true)
    }
  })

  it('do not take auxiliary losses or other metrics for the loss', () => {
    for (const name of ['aux_loss', 'z_loss', 'router/loss', 'eval/accuracy', 'lr', 'loss_scale', 'ppl', 'train/lm/loss', 'losses']) {
      expect(isLossLike(name), name).toBe(false)
    }
  })

  it('normalise names', () => {
    expect(normalizeMetricName('  Eval/LM_loss ')).toBe('eval lm loss')
  })

  it('order candidates: plain, final, held-out, lm, train', () => {
    expect(lossCandidates(['train/loss', 'lm_loss', 'eval/loss', 'final loss', 'loss', 'acc'])).toEqual(['loss', 'final loss', 'eval/loss', 'lm_loss', 'train/loss'])
    expect(lossCandidates(['val_loss', 'eval/loss'])).toEqual(['eval/loss', 'val_loss'])
  })

  it('pick by preference when the project has not chosen, and say so', () => {
    const c = chooseLossMetric(['train/loss', 'eval/loss', 'eval/accuracy'], null)
    expect(c).toMatchObject({ metric: 'eval/loss', source: 'preference', candidates: ['eval/loss', 'train/loss'] })
    expect(c.note).toMatch(/not chosen for this project/)
    expect(c.note).toContain('"train/loss"')
  })

  it('keep the project\'s choice, even a metric that does not look like a loss', () => {
    expect(chooseLossMetric(['train/loss', 'eval/loss', 'bpb'], 'bpb')).toMatchObject({ metric: 'bpb', source: 'project' })
    expect(chooseLossMetric(['train/loss'], 'gone').note).toMatch(/no run of the project records it/)
  })

  it('say when nothing looks like a loss', () => {
    const c = chooseLossMetric(['eval/accuracy'], null)
    expect(c).toMatchObject({ metric: null, source: 'none' })
    expect(c.note).toMatch(/choose which one is the loss/)
  })
})
