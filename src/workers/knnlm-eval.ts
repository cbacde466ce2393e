/** Worker: kNN-LM evaluation and sweeps (core/knnlm/api), on the demo, a trained model or imported .npy numbers, off the lab's thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { runKnnLmJob, type KnnLmJobInput } from '../core/knnlm/api'

serveWorker<KnnLmJobInput, unknown>((input, onProgress) => runKnnLmJob(input, { onProgress }))
