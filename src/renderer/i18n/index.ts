/**
 * vue-i18n set up once: English and Simplified Chinese.
 *
 * HOW A VIEW ADDS ITS STRINGS: drop a file src/renderer/i18n/areas/<area>.ts exporting two objects with the
 * same keys under the view's own top-level name, e.g.
 *   export const en = { scaling: { title: 'Scaling laws', ... } }
 *   export const zhCN: typeof en = { scaling: { title: '缩放定律', ... } }
 * Every file in areas/ is merged in at start (import.meta.glob); no edit of this file or en.ts is needed.
 * The shell's own strings (nav, header, catalog, import, run, figure, common, fields, errors) are in en.ts.
 */
import { createI18n } from 'vue-i18n'
import { en, type LabMessages } from './en'
import { zhCN } from './zh-CN'

export const LOCALES = ['en', 'zh-CN'] as const
export type LabLocale = (typeof LOCALES)[number]

export const LOCALE_NAMES: Record<LabLocale, string> = { en: 'English', 'zh-CN': '简体中文' }

export function pickInitialLocale(saved: string | null, browser: readonly string[]): LabLocale {
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as LabLocale
  return browser.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en'
}

type Messages = Record<string, unknown>
interface AreaModule {
  en?: Messages
  zhCN?: Messages
}

/** Merge area message modules over the base messages (area keys are top-level names of their own). */
export function mergeAreas(base: { en: LabMessages; 'zh-CN': LabMessages }, areas: AreaModule[]): { en: LabMessages; 'zh-CN': LabMessages } {
  // typed as the shell's messages; area keys ride along (vue-i18n looks keys up at run time)
  const out = { en: { ...base.en } as LabMessages & Messages, 'zh-CN': { ...base['zh-CN'] } as LabMessages & Messages }
  for (const a of areas) {
    Object.assign(out.en, a.en ?? {})
    // a missing Chinese string falls back to English through fallbackLocale
    Object.assign(out['zh-CN'], a.zhCN ?? {})
  }
  return out
}

const areaModules = import.meta.glob<AreaModule>('./areas/*.ts', { eager: true })

export const i18n = createI18n({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: mergeAreas({ en, 'zh-CN': zhCN }, Object.values(areaModules)),
})
