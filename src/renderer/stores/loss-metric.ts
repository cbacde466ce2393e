/**
 * The current project's loss metric (lossMetric: the project's choice, else the preference order), shared by
 * every view that shows or fits "the loss": the Catalog's Loss column names it, the Scaling view fits it and
 * names it when no run has it. Choosing another one (setLossMetric) re-reads the runs, whose `loss` follows it.
 */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { LossMetricInfo } from '../../shared/api'
import { lab } from './lab'
import { useProjectsStore } from './projects'
import { useRunsStore } from './runs'

export const useLossMetricStore = defineStore('lossMetric', () => {
  const projects = useProjectsStore()
  const runs = useRunsStore()
  const info = ref<LossMetricInfo | null>(null)
  const error = ref('')

  async function load(): Promise<void> {
    const projectId = projects.currentId
    error.value = ''
    if (projectId === null) {
      info.value = null
      return
    }
    try {
      info.value = await lab().call('lossMetric', { projectId })
    } catch (e) {
      error.value = String((e as Error).message ?? e)
    }
  }

  async function choose(metric: string | null): Promise<void> {
    const projectId = projects.currentId
    if (projectId === null) return
    try {
      info.value = await lab().call('setLossMetric', { projectId, metric })
      error.value = ''
      await runs.refresh()
    } catch (e) {
      error.value = String((e as Error).message ?? e)
    }
  }

  watch(() => projects.currentId, load, { immediate: true })
  // a new import can bring the first loss-like metric: look again when the runs change
  watch(() => runs.runs, load)

  return { info, error, load, choose }
})
