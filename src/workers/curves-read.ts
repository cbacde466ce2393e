/** Worker: read and sample the points of a chart's lines (core/curves/curve-lines) on a read-only connection, off the lab's thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { curveLinesJob, type CurveLinesInput } from '../core/curves/curve-lines-job'
import type { LinesResult } from '../core/curves/curve-lines'

serveWorker<CurveLinesInput, LinesResult>((input) => curveLinesJob(input))
