// The evidence sentence for runs pooled as repeats at one size, in English and Chinese, through vue-i18n
// (Pythia 1.4B has 1,414,647,808 parameters: shown as 1.41B, as everywhere else in the views).
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { en, zhCN } from '../../../src/renderer/i18n/areas/analysis'
import { pooledRunsSentences } from '../../../src/renderer/format/pooled-runs'

function translator(locale: 'en' | 'zh-CN'): (key: string, values: Record<string, string>) => string {
  const i18n = createI18n({ legacy: false, locale, messages: { en, 'zh-CN': zhCN } })
  return (key, values) => i18n.global.t(key, values)
}

describe('pooled runs in the evidence', () => {
  const pooled = [{ x: 1414647808, models: ['pythia-1.4b', 'pythia-1.4b-v0'] }]
  it('names the size and the runs, one sentence per size', () => {
    const t = translator('en')
    expect(pooledRunsSentences(pooled, t, t('emergenceShots.runsSeparator', {}))).toEqual(['At 1.41B, runs pythia-1.4b and pythia-1.4b-v0 were pooled as repeats.'])
    const z = translator('zh-CN')
    expect(pooledRunsSentences(pooled, z, z('emergenceShots.runsSeparator', {}))).toEqual(['在 1.41B 处，运行 pythia-1.4b 与 pythia-1.4b-v0 被合并为重复运行。'])
  })
  it('says nothing when no runs were pooled (or the field is absent)', () => {
    const t = translator('en')
    expect(pooledRunsSentences([], t, ' and ')).toEqual([])
    expect(pooledRunsSentences(undefined, t, ' and ')).toEqual([])
  })
})
