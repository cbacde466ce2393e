/** Close a popover when the user clicks or presses Escape outside it. */
import { onBeforeUnmount, onMounted, type Ref } from 'vue'

export function useClickOutside(el: Ref<HTMLElement | null>, open: Ref<boolean>): void {
  const onDown = (e: MouseEvent): void => {
    if (open.value && el.value && !el.value.contains(e.target as Node)) open.value = false
  }
  onMounted(() => document.addEventListener('mousedown', onDown, true))
  onBeforeUnmount(() => document.removeEventListener('mousedown', onDown, true))
}
