/** App-wide requests that cross components: open the import file chooser, focus the filter, show help. */
type AppEvent = 'import-request' | 'focus-filter' | 'show-help' | 'show-about' | 'watch-request'
const listeners = new Map<AppEvent, Set<() => void>>()

export function onAppEvent(name: AppEvent, cb: () => void): () => void {
  const set = listeners.get(name) ?? new Set()
  set.add(cb)
  listeners.set(name, set)
  return () => set.delete(cb)
}

export function emitAppEvent(name: AppEvent): void {
  for (const cb of listeners.get(name) ?? []) cb()
}

/** Import asked for (Ctrl+O, File > Import) before the Catalog view was there to hear it. */
let pendingImport = false

export function requestImport(): void {
  pendingImport = true
  emitAppEvent('import-request')
}

/** The Catalog view takes a pending request once when it mounts (or hears the event). */
export function takePendingImport(): boolean {
  const p = pendingImport
  pendingImport = false
  return p
}

/** Watch folder asked for (File > Watch Folder… in the page's menu) before the Catalog's watch panel was there. */
let pendingWatch = false

export function requestWatch(): void {
  pendingWatch = true
  emitAppEvent('watch-request')
}

/** The watch panel takes a pending request once when it mounts (or hears the event). */
export function takePendingWatch(): boolean {
  const p = pendingWatch
  pendingWatch = false
  return p
}
