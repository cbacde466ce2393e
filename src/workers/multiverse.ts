/** Worker: a share of the robustness audit's specifications (core/multiverse/audit.ts auditRange). */
import { serveWorker } from '../core/jobs/worker-side'
import { auditRange, type AuditRangeInput, type AuditRangeOutput } from '../core/multiverse/audit'

serveWorker<AuditRangeInput, AuditRangeOutput>((input, onProgress) => auditRange(input, { onProgress }))
