/** Worker: build a kNN-LM datastore (core/knnlm/datastore) off the main thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { datastoreInWorkerBody, type DatastoreJobInput } from '../core/knnlm/train-job'

serveWorker<DatastoreJobInput, Awaited<ReturnType<typeof datastoreInWorkerBody>>>((input, onProgress) => datastoreInWorkerBody(input, onProgress))
