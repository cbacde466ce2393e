/** The projects in the catalog and the one being looked at (remembered). */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Project } from '../../shared/api'
import { isNumber, loadSetting, saveSetting } from '../composables/persisted'
import { lab } from './lab'

export const useProjectsStore = defineStore('projects', () => {
  const projects = ref<Project[]>([])
  const currentId = ref<number | null>(loadSetting<number | null>('projectId', null, (v): v is number | null => v === null || isNumber(v)))
  const loaded = ref(false)

  const current = computed(() => projects.value.find((p) => p.id === currentId.value) ?? null)

  async function refresh(): Promise<void> {
    projects.value = await lab().call('listProjects', {})
    loaded.value = true
    if (!projects.value.some((p) => p.id === currentId.value)) {
      // prefer a project with the user's own data over the demo when both exist: the first non-demo, else the first
      const own = projects.value.find((p) => !p.source)
      currentId.value = (own ?? projects.value[0])?.id ?? null
    }
  }

  async function create(name: string): Promise<Project> {
    const p = await lab().call('createProject', { name })
    await refresh()
    currentId.value = p.id
    return p
  }

  watch(currentId, (v) => saveSetting('projectId', v))

  return { projects, currentId, current, loaded, refresh, create }
})
