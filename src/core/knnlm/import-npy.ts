/**
 * Bring your own model's numbers: a datastore (keys .npy float16/float32 [n, d], values .npy int32 [n]) and an
 * evaluation set (query vectors .npy [m, d], actual next tokens .npy int32 [m], the LM's natural-log
 * probabilities of those tokens .npy float [m]), checked for dtypes and matching shapes, ready for
 * evaluateInterpolation / sweepInterpolation without training anything here.
 */
import { LabError } from '../../shared/errors'
import { makeDatastore, type Datastore } from './datastore'
import type { EvalInputs } from './interpolation-eval'
import { npyToMatrix, npyToVector, readNpy } from './npy'

export interface ImportedNumbers {
  keys: string
  values: string
  queries: string
  targets: string
  lmLogProbs: string
}

export function importNpyDatastore(keysPath: string, valuesPath: string): Datastore {
  const keysNpy = readNpy(keysPath)
  const k = npyToMatrix(keysNpy, keysPath, 'keys')
  const values = npyToVector(readNpy(valuesPath), valuesPath, 'values', 'int') as Int32Array
  if (values.length !== k.rows) {
    throw new LabError('dims-mismatch', `${valuesPath} has ${values.length} values but ${keysPath} has ${k.rows} keys.`, { file: valuesPath, hint: 'Keys and values need one row per datastore token.' })
  }
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < 0) throw new LabError('bad-value', `${valuesPath}: token id ${values[i]} at index ${i} is negative.`, { file: valuesPath, hint: 'Values are next-token ids (>= 0).' })
  }
  return makeDatastore({ dims: k.cols, dtype: keysNpy.dtype === 'float16' ? 'float16' : 'float32', tokenizerId: null, modelId: null, source: { keys: keysPath, values: valuesPath } }, k.data, values)
}

export function importEvalInputs(queriesPath: string, targetsPath: string, lmLogProbsPath: string, dims?: number): EvalInputs {
  const q = npyToMatrix(readNpy(queriesPath), queriesPath, 'query vectors')
  if (dims !== undefined && q.cols !== dims) {
    throw new LabError('dims-mismatch', `${queriesPath} has ${q.cols}-dimensional queries but the datastore keys have ${dims} dimensions.`, { file: queriesPath, hint: 'Export queries from the same layer that produced the keys.' })
  }
  const targets = npyToVector(readNpy(targetsPath), targetsPath, 'targets', 'int') as Int32Array
  const lp = npyToVector(readNpy(lmLogProbsPath), lmLogProbsPath, 'LM log-probabilities', 'float') as Float32Array
  if (targets.length !== q.rows || lp.length !== q.rows) {
    throw new LabError('dims-mismatch', `The evaluation files disagree: ${q.rows} query vectors (${queriesPath}), ${targets.length} targets (${targetsPath}), ${lp.length} log-probabilities (${lmLogProbsPath}).`, { hint: 'Give one row per evaluated token in each file.' })
  }
  return { dims: q.cols, queries: q.data, targets, lmLogProbs: lp }
}

/**
 * Read and check the five files. `names` gives the name to show for each file (an uploaded file's own name rather
 * than the lab's private copy): error messages and their `file` speak of those names.
 */
export function importNumbers(files: ImportedNumbers, names: Partial<ImportedNumbers> = {}): { datastore: Datastore; inputs: EvalInputs } {
  try {
    const datastore = importNpyDatastore(files.keys, files.values)
    const inputs = importEvalInputs(files.queries, files.targets, files.lmLogProbs, datastore.meta.dims)
    return { datastore, inputs }
  } catch (e) {
    throw renameFiles(e, files, names)
  }
}

/** Put the display names in place of the stored paths in a LabError (longest path first, so no prefix is half-replaced). */
function renameFiles(e: unknown, files: ImportedNumbers, names: Partial<ImportedNumbers>): unknown {
  if (!(e instanceof LabError)) return e
  const pairs = (Object.keys(files) as Array<keyof ImportedNumbers>)
    .filter((k) => names[k] !== undefined && names[k] !== files[k])
    .map((k) => [files[k], names[k]!] as const)
    .sort((a, b) => b[0].length - a[0].length)
  if (pairs.length === 0) return e
  let message = e.message
  let file = e.file
  for (const [path, name] of pairs) {
    message = message.split(path).join(name)
    if (file === path) file = name
  }
  return new LabError(e.code, message, { file, line: e.line, column: e.column, hint: e.hint })
}
