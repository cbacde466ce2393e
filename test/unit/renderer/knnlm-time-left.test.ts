/** The time left of a running kNN-LM job from its measured pace (src/renderer/components/knnlm/time-left.ts). */
import { describe, expect, it } from 'vitest'
import { PaceMeter, roundTimeLeft, secondsLeft } from '../../../src/renderer/components/knnlm/time-left'

describe('time left from the measured pace', () => {
  it('says nothing before the pace is measured, then extrapolates it', () => {
    // a 500-step training at 0.5 s a step: 1% every 2.5 s
    expect(secondsLeft({ t: 0, p: 0.02 }, { t: 2000, p: 0.028 })).toBeUndefined()
    expect(secondsLeft({ t: 0, p: 0.02 }, { t: 5000, p: 0.04 })).toBeCloseTo(240, 6)
  })

  it('does not count the start-up (model load, tokenizer) as progress', () => {
    const pace = new PaceMeter()
    expect(pace.update({ t: 0, p: 0 })).toBeUndefined()
    // 60 s of start-up at 0%, then the first step
    expect(pace.update({ t: 60_000, p: 0 })).toBeUndefined()
    expect(pace.update({ t: 60_500, p: 0.002 })).toBeUndefined()
    // 10 s later 2% more: 0.2% a second, 97.8% left = 489 s (not the 3,600 s the start-up would suggest)
    expect(pace.update({ t: 70_500, p: 0.022 })).toBeCloseTo(489, 6)
  })

  it('rounds as a person would say it', () => {
    expect(roundTimeLeft(12)).toEqual({ unit: 'seconds', n: 10 })
    expect(roundTimeLeft(1)).toEqual({ unit: 'seconds', n: 5 })
    expect(roundTimeLeft(240)).toEqual({ unit: 'minutes', n: 4 })
    expect(roundTimeLeft(3599)).toEqual({ unit: 'minutes', n: 59 })
    expect(roundTimeLeft(3 * 3600 + 20 * 60)).toEqual({ unit: 'hours', h: 3, m: 20 })
  })
})
