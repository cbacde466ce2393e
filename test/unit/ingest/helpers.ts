/** Shared by the ingest tests: fixture paths, a temporary folder, and catching LabErrors. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LabError } from '../../../src/shared/errors'

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'ingest')
export const fixture = (name: string): string => join(FIXTURES, name)

export function tempDir(prefix: string): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export async function labErrorOf(fn: () => Promise<unknown> | unknown): Promise<LabError> {
  try {
    await fn()
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error('expected a LabError, but nothing was thrown')
}
