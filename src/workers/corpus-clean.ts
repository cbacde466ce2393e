/** Worker: clean a corpus (src/core/corpus/clean-corpus.ts) and write DIR/corpus.jsonl and DIR/report.json. */
import { serveWorker } from '../core/jobs/worker-side'
import { cleanCorpus, type CleanCorpusJob, type CleanCorpusResult } from '../core/corpus/clean-corpus'

serveWorker<CleanCorpusJob, CleanCorpusResult>((job, onProgress) => cleanCorpus(job.sources, job.outDir, job.options ?? {}, { onProgress }))
