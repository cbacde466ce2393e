// Records every module a Node process loads, for the lazy-loading tests (test/unit/loaded-modules.ts).
// Preloaded with `--import`: on the main thread it registers itself as a module hook (ESM imports, including CommonJS
// entries imported from ESM, reach `load`) and, at exit, adds the CommonJS cache (modules loaded by require()).
// Every line goes to the file named by LOADED_MODULES_LOG with a synchronous write, so none is lost or late.
import { appendFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'
import { isMainThread } from 'node:worker_threads'

let log = process.env.LOADED_MODULES_LOG

export function initialize(data) {
  log = data.log
}

export async function load(url, context, next) {
  if (log && !url.startsWith('node:')) appendFileSync(log, url + '\n')
  return next(url, context)
}

if (isMainThread && log) {
  register(import.meta.url, { data: { log } })
  const cache = createRequire(import.meta.url).cache
  process.on('exit', () => appendFileSync(log, Object.keys(cache).join('\n') + '\n'))
}
