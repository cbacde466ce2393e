/**
 * `npm run bench`: every bench/*.bench.ts in its own process, one after another (so they don't compete for
 * the two cores), or only those whose names contain the words given: `npm run bench -- fit import`. Options
 * (`--...`) go to each benchmark: `npm run bench -- knnlm --datastore-only`.
 */
import { readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const options = process.argv.slice(2).filter((a) => a.startsWith('--'))
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort()
let failed = 0
for (const file of files) {
  console.log(`\n=== ${file} ===`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...options], { stdio: 'inherit' })
  if (r.status !== 0) {
    failed++
    console.log(`!!! ${file} exited with ${r.status}`)
  }
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed`)
process.exit(failed ? 1 : 0)
