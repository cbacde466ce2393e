/**
 * Bring your own model's numbers: uploaded .npy files (keys, values, query vectors, targets, the LM's
 * log-probabilities) are checked (dtypes, dimensions, counts; messages name the uploaded file), stored under
 * knnlm/imports/<name>, and evaluated and swept in the knnlm-eval worker.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LabHandlers } from '../../shared/api'
import type { KnnLmEvalResult, KnnLmSweepResult } from '../../shared/api/knnlm'
import { runKnnLmJobInWorker } from '../knnlm/api'
import { importNumbers, type ImportedNumbers } from '../knnlm/import-npy'
import { checkInputs } from '../knnlm/interpolation-eval'
import { IMPORT_FILES, KnnLmFolders, newKnnLmName, removeFolder, type ImportRecord } from './knnlm-folders'
import type { LabContext } from './lab-context'

type ImportHandlers = Pick<LabHandlers, 'importKnnLmNumbers' | 'listKnnLmImports' | 'startKnnLmImportEval' | 'startKnnLmImportSweep' | 'deleteKnnLmImport'>

const ROLES = Object.keys(IMPORT_FILES) as Array<keyof ImportedNumbers>

/** Defaults for numbers from a real model: its distances are not ours, so temperature 1 as in Khandelwal et al. 2020. */
const IMPORT_DEFAULTS = { lambda: 0.25, k: 1024, temperature: 1 }

export function knnlmImportHandlers(ctx: LabContext): ImportHandlers {
  const folders = new KnnLmFolders(ctx.dataDir)
  const stored = (name: string): { files: ImportedNumbers; names: ImportedNumbers } => {
    const info = folders.importInfo(name)
    const dir = folders.importDir(name)
    const files = Object.fromEntries(ROLES.map((r) => [r, join(dir, IMPORT_FILES[r])])) as unknown as ImportedNumbers
    return { files, names: info.files }
  }

  return {
    importKnnLmNumbers: async (req) => {
      const files = Object.fromEntries(ROLES.map((r) => [r, ctx.uploads.get(req[r]).path])) as unknown as ImportedNumbers
      const names = Object.fromEntries(ROLES.map((r) => [r, ctx.uploads.get(req[r]).name])) as unknown as ImportedNumbers
      // check everything before anything is stored; errors speak of the uploaded names
      const { datastore, inputs } = importNumbers(files, names)
      checkInputs(inputs, datastore)
      const name = newKnnLmName('npy')
      const dir = folders.importDir(name)
      mkdirSync(dir, { recursive: true })
      try {
        for (const r of ROLES) copyFileSync(files[r], join(dir, IMPORT_FILES[r]))
        const rec: ImportRecord = { files: names, keys: datastore.meta.count, dims: datastore.meta.dims, keysDtype: datastore.meta.dtype, queries: inputs.targets.length }
        writeFileSync(join(dir, 'import.json'), JSON.stringify(rec, null, 1))
      } catch (e) {
        rmSync(dir, { recursive: true, force: true })
        throw e
      }
      return folders.importInfo(name)
    },

    listKnnLmImports: async () => folders.listImports(),

    deleteKnnLmImport: async ({ name }) => {
      folders.importInfo(name) // a LabError when there is no such import
      return { deleted: name, bytes: removeFolder(folders.importDir(name)) }
    },

    startKnnLmImportEval: async ({ name, ...s }) => {
      const { files, names } = stored(name)
      const request = { ...files, names, ...IMPORT_DEFAULTS, ...s }
      return {
        jobId: ctx.jobs.start('knnlm-eval', `kNN-LM evaluation (${names.keys})`, async (opts): Promise<KnnLmEvalResult> => ({ ...(await runKnnLmJobInWorker({ kind: 'import-eval', request }, opts)), import: name })),
      }
    },

    startKnnLmImportSweep: async ({ name, ...grid }) => {
      const { files, names } = stored(name)
      const request = { ...files, names, ...grid, defaults: IMPORT_DEFAULTS }
      return {
        jobId: ctx.jobs.start('knnlm-sweep', `kNN-LM sweep (${names.keys})`, async (opts): Promise<KnnLmSweepResult> => ({ ...(await runKnnLmJobInWorker({ kind: 'import-sweep', request }, opts)), import: name })),
      }
    },
  }
}
