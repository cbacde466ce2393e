/**
 * Asks the engine for the sampled curves of the selection: again when the runs or a setting the engine uses
 * change (metrics, x, log axes, group-by, band; smoothing is drawn here), and for the zoom window at the chart's
 * pixel width (debounced), so detail returns when zooming in. A late answer to an older question is dropped.
 */
import { ref, shallowRef, watch, type Ref } from 'vue'
import type { CurveChart, CurveSettings } from '../../shared/api/curves'
import { lab } from '../stores/lab'

const ZOOM_DEBOUNCE_MS = 180

/** What the engine's answer depends on (smoothing is not in it: it is drawn here). */
export function requestKey(runIds: readonly number[], s: CurveSettings): string {
  return JSON.stringify([runIds, s.metrics, s.x, s.logX, s.logY, s.groupBy, s.band])
}

export function useCurveChart(runIds: Ref<number[]>, settings: Ref<CurveSettings>, pixels: () => number) {
  const chart = shallowRef<CurveChart | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  /** the x window the chart is zoomed to; null: the whole extent */
  const window = ref<[number, number] | null>(null)
  let asked = 0
  let zoomTimer: ReturnType<typeof setTimeout> | null = null

  async function load(): Promise<void> {
    if (runIds.value.length === 0) {
      chart.value = null
      return
    }
    const mine = ++asked
    const s = settings.value
    loading.value = true
    try {
      const res = await lab().call('curveSeries', {
        runIds: runIds.value,
        metrics: s.metrics,
        x: s.x,
        groupBy: s.groupBy,
        band: s.band,
        logX: s.logX,
        logY: s.logY,
        pixels: Math.round(Math.min(8000, Math.max(50, pixels()))),
        ...(window.value ? { window: window.value } : {}),
      })
      if (mine !== asked) return
      chart.value = res
      error.value = null
    } catch (e) {
      if (mine === asked) error.value = e
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  /** The chart was zoomed to [lo, hi] (null: back to everything): ask again once the user stops. */
  function zoomTo(next: [number, number] | null): void {
    const same = next === null ? window.value === null : !!window.value && window.value[0] === next[0] && window.value[1] === next[1]
    if (same) return
    window.value = next
    if (zoomTimer) clearTimeout(zoomTimer)
    zoomTimer = setTimeout(() => {
      zoomTimer = null
      void load()
    }, ZOOM_DEBOUNCE_MS)
  }

  // a new selection, x or scale makes the old window meaningless; metrics, group-by and band keep it
  watch(
    () => JSON.stringify([runIds.value, settings.value.x, settings.value.logX, settings.value.logY]),
    () => {
      window.value = null
    },
  )
  watch(() => requestKey(runIds.value, settings.value), () => void load())

  return { chart, loading, error, window, load, zoomTo }
}
