/** The version in package.json, read once; stored with every fit so a result says which code made it. */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { findResourcesDir } from './resources-dir'

let cached: string | undefined

export function appVersion(): string {
  if (cached) return cached
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(findResourcesDir()), 'package.json'), 'utf8')) as { version?: string }
    cached = pkg.version ?? '0.0.0'
  } catch {
    cached = '0.0.0'
  }
  return cached
}
