/** Worker: calibration measures and their bootstrap for a share of the (task, model) groups (core/analysis/calibration). */
import { serveWorker } from '../core/jobs/worker-side'
import { calibrationWorkerBody, type CalibrationJobInput } from '../core/analysis/calibration-parallel'
import type { CalibrationResult } from '../core/analysis/calibration'

serveWorker<CalibrationJobInput, CalibrationResult[]>((input, onProgress) => calibrationWorkerBody(input, onProgress))
