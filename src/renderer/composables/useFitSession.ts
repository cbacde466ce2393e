/**
 * The state behind the Scaling view: the project's runs as scaling points (all visible runs, or the Catalog's
 * selection), the law and its options, excluded points with undo, a quick preview fit on every change (previewFit,
 * newest answer wins) and a full bootstrap fit as a job (startFit: progress, cancel, stored in the catalog).
 * The fit on show is the full fit while it matches the current law, points and options; else the preview.
 * The exclusions, the stored fit on screen, the x axis and the options are remembered per project
 * (components/scaling/remembered-state.ts) and checked against the catalog before use.
 */
import { computed, ref, shallowRef, watch } from 'vue'
import type { FitResultInfo, Law, ScalingPointInfo, StoredFit } from '../../shared/api'
import { clearExclusions, EMPTY_EXCLUSIONS, sameSet, setExclusions, toggleExclusion, undoExclusion, type ExclusionState } from '../components/scaling/exclusions'
import { DEFAULT_FIT_SETTINGS, naturalAxis, requestOptions, sameOptions, type FitSettings, type ScalingAxis } from '../components/scaling/fit-request'
import { lab } from '../stores/lab'
import { useJobsStore } from '../stores/jobs'
import { useProjectsStore } from '../stores/projects'
import { useRunsStore } from '../stores/runs'
import { isString, loadSetting, saveSetting } from './persisted'
import { isScalingState, restoreExclusions, type ScalingState } from '../components/scaling/remembered-state'

export type { FitSettings, ScalingAxis } from '../components/scaling/fit-request'

const LAW_SET = new Set<string>(['kaplan-n', 'kaplan-d', 'kaplan-c', 'kaplan-nd', 'envelope', 'isoflop', 'chinchilla', 'routed'])
const isLaw = (v: unknown): v is Law => typeof v === 'string' && LAW_SET.has(v)

export function useFitSession() {
  const projects = useProjectsStore()
  const runs = useRunsStore()
  const jobs = useJobsStore()

  const law = ref<Law>(loadSetting('scalingLaw', 'chinchilla', isLaw))
  const x = ref<ScalingAxis>(naturalAxis(law.value))
  const metric = ref(loadSetting('scalingMetric', 'loss', isString))
  const useSelection = ref(false)
  const settings = ref<FitSettings>({ ...DEFAULT_FIT_SETTINGS })
  // the remembered state of this project, if any: options and axis now, exclusions and the stored fit once the
  // runs and the project's stored fits are loaded (each checked against them)
  let pending: ScalingState | null = loadSetting<ScalingState | null>('scalingState', null, (v): v is ScalingState | null => isScalingState(v))
  if (pending && pending.projectId === projects.currentId) {
    settings.value = { ...pending.settings }
    x.value = pending.x
  } else pending = null
  /** remembered exclusions that are no longer runs of the project (said in the view) */
  const missingExclusions = ref<number[]>([])

  const points = shallowRef<ScalingPointInfo[]>([])
  const pointsError = ref<unknown>(null)
  const exclusions = ref<ExclusionState>(EMPTY_EXCLUSIONS)
  const excluded = computed(() => exclusions.value.excluded)

  const preview = shallowRef<FitResultInfo | null>(null)
  const previewError = ref<unknown>(null)
  const previewBusy = ref(false)
  let previewSeq = 0

  const full = shallowRef<StoredFit | null>(null)
  const fullError = ref<unknown>(null)
  const jobId = ref<string | null>(null)
  const job = computed(() => (jobId.value ? (jobs.jobs[jobId.value] ?? null) : null))
  const fitting = computed(() => jobId.value !== null)

  const runIds = computed(() => (useSelection.value && runs.selectedIds.length > 0 ? [...runs.selectedIds] : undefined))
  const metrics = computed(() => {
    const all = new Set<string>(['loss'])
    for (const r of runs.runs) for (const m of r.metrics) all.add(m)
    return [...all].sort()
  })
  const included = computed(() => points.value.filter((p) => !excluded.value.includes(p.runId)))

  /** The full fit answers for what is on screen now (same law, points, exclusions, options). */
  const fullMatches = computed(() => {
    const f = full.value
    if (!f) return false
    const o = requestOptions(law.value, settings.value, true)
    return (
      f.law === law.value &&
      f.selection.metric === metric.value &&
      sameSet(f.excluded, excluded.value) &&
      sameSet(f.selection.runIds, points.value.map((p) => p.runId)) &&
      sameOptions(f.options, o)
    )
  })
  const shown = computed<FitResultInfo | null>(() => (fullMatches.value && full.value ? full.value.result : preview.value))

  async function loadPoints(): Promise<void> {
    const projectId = projects.currentId
    pointsError.value = null
    if (projectId === null) {
      points.value = []
      return
    }
    try {
      points.value = await lab().call('scalingPoints', { projectId, runIds: runIds.value, metric: metric.value || undefined })
      if (pending) await takeRemembered(pending, projectId)
      pending = null
      // exclusions of runs that are gone (deleted, or re-created by a replaced import) are dropped and counted in the view
      const { kept, missing } = restoreExclusions(excluded.value, points.value.map((p) => p.runId))
      if (missing.length) {
        exclusions.value = { excluded: kept, history: [] }
        missingExclusions.value = [...missingExclusions.value, ...missing]
      }
    } catch (e) {
      points.value = []
      pointsError.value = e
    }
  }

  /** Exclusions and the stored fit from the remembered state, checked against the runs and stored fits of the project. */
  async function takeRemembered(r: ScalingState, projectId: number): Promise<void> {
    const { kept, missing } = restoreExclusions(r.excluded, points.value.map((p) => p.runId))
    exclusions.value = { excluded: kept, history: [] }
    missingExclusions.value = missing
    if (r.fitId === null) return
    try {
      const fits = await lab().call('listFits', { projectId })
      full.value = fits.find((f) => f.id === r.fitId) ?? null
    } catch {
      // the stored fits cannot be listed: the quick fit is shown, nothing else is lost
      full.value = null
    }
  }

  /** bumped when the law, exclusions or options change: a full fit's failure is shown only for the request on screen */
  let requestEpoch = 0

  async function runPreview(): Promise<void> {
    const projectId = projects.currentId
    const seq = ++previewSeq
    if (projectId === null || points.value.length === 0) {
      preview.value = null
      previewError.value = null
      return
    }
    previewBusy.value = true
    try {
      const res = await lab().call('previewFit', {
        projectId,
        law: law.value,
        runIds: points.value.map((p) => p.runId),
        excluded: excluded.value.length ? [...excluded.value] : undefined,
        metric: metric.value || undefined,
        options: requestOptions(law.value, settings.value, false),
      })
      if (seq !== previewSeq) return
      preview.value = res
      previewError.value = null
    } catch (e) {
      if (seq !== previewSeq) return
      preview.value = null
      previewError.value = e
    } finally {
      if (seq === previewSeq) previewBusy.value = false
    }
  }

  async function startFullFit(): Promise<StoredFit | null> {
    const projectId = projects.currentId
    if (projectId === null || points.value.length === 0 || jobId.value) return null
    const request = requestEpoch
    fullError.value = null
    try {
      const res = await lab().call('startFit', {
        projectId,
        law: law.value,
        runIds: points.value.map((p) => p.runId),
        excluded: excluded.value.length ? [...excluded.value] : undefined,
        metric: metric.value || undefined,
        options: requestOptions(law.value, settings.value, true),
      })
      jobId.value = res.jobId
      const stored = await jobs.track<StoredFit>(res.jobId)
      full.value = stored
      return stored
    } catch (e) {
      // a failure of the request the view no longer shows (law, exclusions or options changed while it ran) stays
      // in the Jobs panel; the quick fit speaks for what is shown
      if (request === requestEpoch) fullError.value = e
      return null
    } finally {
      jobId.value = null
    }
  }

  async function cancelFullFit(): Promise<void> {
    if (jobId.value) await jobs.cancel(jobId.value)
  }

  /** Show a stored fit again: its law, options and exclusions. */
  function restore(f: StoredFit): void {
    law.value = f.law
    x.value = naturalAxis(f.law)
    settings.value = {
      ...settings.value,
      estimator: f.options.estimator ?? settings.value.estimator,
      bootstrap: f.options.bootstrap ?? settings.value.bootstrap,
      seed: f.seed,
      irreducible: f.options.irreducible ?? false,
      isoflopTolerance: f.options.isoflopTolerance ?? settings.value.isoflopTolerance,
      flopsCutoff: f.options.flopsCutoff ?? 0,
      budget: f.options.budget ?? settings.value.budget,
    }
    exclusions.value = setExclusions(exclusions.value, f.excluded)
    full.value = f
  }

  const toggle = (runId: number): void => {
    exclusions.value = toggleExclusion(exclusions.value, runId)
  }
  const undo = (): boolean => {
    if (exclusions.value.history.length === 0) return false
    exclusions.value = undoExclusion(exclusions.value)
    return true
  }
  const includeAll = (): void => {
    exclusions.value = clearExclusions(exclusions.value)
  }
  const excludeOnly = (ids: readonly number[]): void => {
    exclusions.value = setExclusions(exclusions.value, ids)
  }

  watch(law, (v, old) => {
    saveSetting('scalingLaw', v)
    if (naturalAxis(v) !== naturalAxis(old)) x.value = naturalAxis(v)
  })
  watch(metric, (v) => saveSetting('scalingMetric', v))
  watch(
    () => projects.currentId,
    () => {
      // another project: its own runs, no exclusions or fit carried over
      exclusions.value = EMPTY_EXCLUSIONS
      full.value = null
      missingExclusions.value = []
    },
  )
  watch([() => projects.currentId, excluded, full, x, settings], ([projectId]) => {
    if (projectId === null || pending) return
    const state: ScalingState = { projectId, excluded: [...excluded.value], fitId: full.value?.id ?? null, x: x.value, settings: { ...settings.value } }
    // only a state the next start will take (a field being typed may be out of range)
    if (isScalingState(state)) saveSetting('scalingState', state)
  }, { deep: true })
  watch([() => projects.currentId, runIds, metric], () => void loadPoints().then(runPreview), { immediate: true })
  // clicks in quick succession refit once: the last set of exclusions wins
  let previewTimer: ReturnType<typeof setTimeout> | null = null
  watch(
    [law, excluded, settings],
    () => {
      requestEpoch++
      // a failed full fit was about the request before this change: the quick fit now speaks for what is shown
      fullError.value = null
      if (previewTimer) clearTimeout(previewTimer)
      previewBusy.value = true
      previewTimer = setTimeout(() => void runPreview(), 250)
    },
    { deep: true },
  )

  return {
    law,
    x,
    metric,
    metrics,
    useSelection,
    settings,
    points,
    pointsError,
    missingExclusions,
    included,
    exclusions,
    excluded,
    preview,
    previewError,
    previewBusy,
    full,
    fullError,
    fullMatches,
    shown,
    job,
    fitting,
    loadPoints,
    runPreview,
    startFullFit,
    cancelFullFit,
    restore,
    toggle,
    undo,
    includeAll,
    excludeOnly,
  }
}

export type FitSession = ReturnType<typeof useFitSession>
