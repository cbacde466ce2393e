/**
 * Stored fits change without any run or project changing (the lab's fits-changed event): a version per project that
 * the views listing stored fits (Scaling, Compute, the MoE panel) watch to read them again, and nothing else refetches.
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'

export const useFitsStore = defineStore('fits', () => {
  const versions = shallowRef<Record<number, number>>({})

  function changed(projectId: number): void {
    versions.value = { ...versions.value, [projectId]: (versions.value[projectId] ?? 0) + 1 }
  }

  /** how many times the project's stored fits changed in this session (0 for no project) */
  function version(projectId: number | null): number {
    return projectId === null ? 0 : (versions.value[projectId] ?? 0)
  }

  return { versions, changed, version }
})
