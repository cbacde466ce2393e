/** The import worker from TypeScript sources: runInWorker itself handles tsx (see src/core/jobs/run-in-worker.ts). */
export { runInWorker as runTsWorker } from '../../../src/core/jobs/run-in-worker'
