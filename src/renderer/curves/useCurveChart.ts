/**
 * Asks the engine for the sampled curves of the selection: again when the runs or a setting the engine uses
 * change (metrics, x, log axes, group-by, band; smoothing is drawn here), and for the zoom window at the chart's
 * pixel width, so detail returns when zooming in. A late answer to an older question is dropped; the window and the
 * lines drawn change together when the answer arrives.
 */
import { ref, shallowRef, watch, type Ref } from 'vue'
import type { CurveChart, CurveSettings } from '../../shared/api/curves'
import { lab } from '../stores/lab'

/** What the engine's answer depends on (smoothing is not in it: it is drawn here). */
export function requestKey(runIds: readonly number[], s: CurveSettings): string {
  return JSON.stringify([runIds, s.metrics, s.x, s.logX, s.logY, s.groupBy, s.band])
}

export function useCurveChart(runIds: Ref<number[]>, settings: Ref<CurveSettings>, pixels: () => number) {
  const chart = shallowRef<CurveChart | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  /** the x window of the chart drawn now; null: the whole extent. Set with the answer, so the chart redraws once */
  const window = ref<[number, number] | null>(null)
  /** the window asked for (the user's zoom), ahead of its answer */
  let wanted: [number, number] | null = null
  let asked = 0

  async function load(): Promise<void> {
    if (runIds.value.length === 0) {
      chart.value = null
      return
    }
    const mine = ++asked
    const s = settings.value
    const win = wanted
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
        ...(win ? { window: win } : {}),
      })
      if (mine !== asked) return
      window.value = win
      chart.value = res
      error.value = null
    } catch (e) {
      if (mine === asked) error.value = e
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  /** an answer in flight was dropped by interrupt(): the next zoomTo asks again even for the same window */
  let dropped = false

  /** The chart was zoomed to [lo, hi] (null: back to everything): ask for that window (callers debounce). */
  function zoomTo(next: [number, number] | null): void {
    const same = next === null ? wanted === null : !!wanted && wanted[0] === next[0] && wanted[1] === next[1]
    if (same && !dropped) return
    wanted = next
    dropped = false
    void load()
  }

  /**
   * The user is zooming again: an answer on its way is for a window already left, and drawing it would pull the
   * chart back there mid-gesture; it is dropped (the window the user stops at is asked for then).
   */
  function interrupt(): void {
    if (!loading.value) return
    asked++
    loading.value = false
    dropped = true
  }

  // a new selection, x or scale makes the old window meaningless; metrics, group-by and band keep it
  watch(
    () => JSON.stringify([runIds.value, settings.value.x, settings.value.logX, settings.value.logY]),
    () => {
      wanted = null
    },
  )
  watch(() => requestKey(runIds.value, settings.value), () => void load())

  return { chart, loading, error, window, load, zoomTo, interrupt }
}
