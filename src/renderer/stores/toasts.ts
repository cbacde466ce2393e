/** Short notices at the bottom of the window, optionally with one action (Undo). */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Toast {
  id: number
  text: string
  kind: 'info' | 'error'
  action?: { label: string; run: () => void }
}

export const useToastsStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  let next = 1

  function show(text: string, opts: { kind?: Toast['kind']; action?: Toast['action']; ms?: number } = {}): number {
    const id = next++
    toasts.value = [...toasts.value, { id, text, kind: opts.kind ?? 'info', action: opts.action }]
    setTimeout(() => dismiss(id), opts.ms ?? (opts.action ? 10_000 : 5_000))
    return id
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  return { toasts, show, dismiss }
})
