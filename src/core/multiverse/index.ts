/** Public API of the robustness audit (audit.ts is the entry point). */
export { runAudit, auditRange, type AuditOptions, type AuditRangeInput, type AuditRangeOutput } from './audit'
export type * from './types'
