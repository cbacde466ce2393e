/** The saved views of the current project (issue 14), shared by the Curves view and the Catalog's list. */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { CurveSettings, SavedView } from '../../shared/api/curves'
import { lab } from '../stores/lab'
import { useProjectsStore } from '../stores/projects'

export const useSavedViewsStore = defineStore('savedViews', () => {
  const projects = useProjectsStore()
  const views = ref<SavedView[]>([])
  const error = ref<unknown>(null)

  async function refresh(): Promise<void> {
    const projectId = projects.currentId
    if (projectId === null) {
      views.value = []
      return
    }
    try {
      views.value = await lab().call('listViews', { projectId })
      error.value = null
    } catch (e) {
      error.value = e
    }
  }

  async function save(name: string, runIds: number[], settings: CurveSettings): Promise<SavedView> {
    const projectId = projects.currentId
    if (projectId === null) throw new Error('no project is open')
    const view = await lab().call('saveView', { projectId, name, runIds, settings })
    await refresh()
    return view
  }

  async function remove(viewId: number): Promise<void> {
    await lab().call('deleteView', { viewId })
    await refresh()
  }

  watch(
    () => projects.currentId,
    () => void refresh(),
  )

  return { views, error, refresh, save, remove }
})
