/** Settings the user expects to be remembered: theme, language, smoothing, per-run axis choices. */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { isNumber, isString, loadSetting, saveSetting } from '../composables/persisted'
import { i18n, pickInitialLocale, type LabLocale } from '../i18n'
import { LAB_THEME_DARK, LAB_THEME_LIGHT } from '../charts/themes'

export type ThemeChoice = 'system' | 'light' | 'dark'
const isThemeChoice = (v: unknown): v is ThemeChoice => v === 'system' || v === 'light' || v === 'dark'

export const useSettingsStore = defineStore('settings', () => {
  const theme = ref<ThemeChoice>(loadSetting('theme', 'system', isThemeChoice))
  const savedLocale = loadSetting<string | null>('locale', null, (v): v is string | null => v === null || isString(v))
  const locale = ref<LabLocale>(pickInitialLocale(savedLocale, typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : []))
  const smoothing = ref<number>(loadSetting('smoothing', 0.6, (v): v is number => isNumber(v) && v >= 0 && v < 1))

  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const systemDark = ref(media?.matches ?? false)
  media?.addEventListener('change', (e) => {
    systemDark.value = e.matches
  })

  const dark = computed(() => (theme.value === 'system' ? systemDark.value : theme.value === 'dark'))
  const chartTheme = computed(() => (dark.value ? LAB_THEME_DARK : LAB_THEME_LIGHT))

  watch(theme, (v) => saveSetting('theme', v))
  watch(smoothing, (v) => saveSetting('smoothing', v))
  watch(
    locale,
    (v) => {
      saveSetting('locale', v)
      i18n.global.locale.value = v
      document.documentElement.lang = v
    },
    { immediate: true },
  )
  watch(
    dark,
    (v) => {
      document.documentElement.dataset.theme = v ? 'dark' : 'light'
      document.documentElement.style.colorScheme = v ? 'dark' : 'light'
    },
    { immediate: true },
  )

  return { theme, locale, smoothing, dark, chartTheme }
})
