/**
 * Names that come from a file (runs, projects, metrics, tasks) are at most 200 characters, as the catalog's
 * API accepts (src/shared/api/catalog.ts): a longer one is a sign of a misread file (a whole row read as one
 * field, a note in the name column) and is refused with where it is.
 */
import { LabError, type LabErrorInfo } from '../../shared/errors'

export const MAX_NAME_LENGTH = 200

export type NameKind = 'run' | 'project' | 'metric' | 'task'

export function isTooLong(name: string): boolean {
  return name.length > MAX_NAME_LENGTH
}

export function nameTooLong(kind: NameKind, name: string, where: Omit<LabErrorInfo, 'code' | 'message' | 'hint'> = {}): LabError {
  return new LabError('import-name', `The ${kind} name ${JSON.stringify(name.slice(0, 40) + '...')} is ${name.length} characters long; names are at most ${MAX_NAME_LENGTH}.`, {
    ...where,
    hint: kind === 'project' ? 'Choose a shorter project name.' : 'Check that the file was read with the right delimiter and quoting, or shorten the name.',
  })
}

/** Throws when the name is longer than the limit. */
export function checkName(kind: NameKind, name: string, where?: Omit<LabErrorInfo, 'code' | 'message' | 'hint'>): void {
  if (isTooLong(name)) throw nameTooLong(kind, name, where)
}
