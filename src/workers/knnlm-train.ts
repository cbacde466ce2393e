/** Worker: train the kNN-LM lab's small Transformer (core/knnlm/train-language-model) off the main thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { trainInWorkerBody, type TrainJobInput } from '../core/knnlm/train-job'

serveWorker<TrainJobInput, Awaited<ReturnType<typeof trainInWorkerBody>>>((input, onProgress) => trainInWorkerBody(input, onProgress))
