// English and Chinese strings: the same keys, the same {placeholders}, the same plural arity; areas merge in.
import { describe, expect, it } from 'vitest'
import { en } from '../../../src/renderer/i18n/en'
import { zhCN } from '../../../src/renderer/i18n/zh-CN'
import { mergeAreas } from '../../../src/renderer/i18n'

function flatten(o: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out[prefix + k] = v
    else if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`))
  }
  return out
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('messages', () => {
  const a = flatten(en)
  const b = flatten(zhCN as unknown as Record<string, unknown>)
  it('have the same keys in both languages', () => {
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort())
  })
  it('use the same placeholders and plural forms', () => {
    for (const k of Object.keys(a)) {
      expect([k, placeholders(b[k])]).toEqual([k, placeholders(a[k])])
      expect([k, b[k].split(' | ').length]).toEqual([k, a[k].split(' | ').length])
    }
  })
  it('avoid vue-i18n special characters that would be misread (@ starts a linked message)', () => {
    for (const [k, v] of Object.entries({ ...a, ...b })) expect([k, /@/.test(v)]).toEqual([k, false])
  })
  it('merge view areas without losing the shell strings', () => {
    const m = mergeAreas({ en, 'zh-CN': zhCN }, [{ en: { scaling: { title: 'Scaling laws' } }, zhCN: { scaling: { title: '缩放定律' } } }])
    expect((m.en as unknown as Record<string, { title: string }>).scaling.title).toBe('Scaling laws')
    expect((m['zh-CN'] as unknown as Record<string, { title: string }>).scaling.title).toBe('缩放定律')
    expect(m.en.nav.catalog).toBe('Catalog')
  })
})
