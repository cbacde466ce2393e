/** Worker: the kNN-LM keys of one part of a token stream (core/knnlm/parallel-keys), for a datastore build in several threads. */
import { serveWorker } from '../core/jobs/worker-side'
import { keysPartBody, type KeysPartInput, type KeysPartResult } from '../core/knnlm/parallel-keys'

serveWorker<KeysPartInput, KeysPartResult>((input, onProgress) => keysPartBody(input, onProgress))
