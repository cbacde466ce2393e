/** Find the app's resources/ folder: SCALING_LAB_RESOURCES, else walk up from this file to the package root. */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function findResourcesDir(): string {
  const fromEnv = process.env.SCALING_LAB_RESOURCES
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return join(dir, 'resources')
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  throw new Error('resources/ folder not found: set SCALING_LAB_RESOURCES')
}
