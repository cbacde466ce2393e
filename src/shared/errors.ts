/**
 * The one error shape every door (IPC, HTTP, CLI) understands: what went wrong, where, and what to do.
 * `file`, `line` and `column` are 1-based and present when the error points into an input file.
 */
export interface LabErrorInfo {
  code: string
  message: string
  file?: string
  line?: number
  column?: number
  hint?: string
}

export class LabError extends Error implements LabErrorInfo {
  readonly code: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
  readonly hint?: string

  constructor(code: string, message: string, where: Omit<LabErrorInfo, 'code' | 'message'> = {}) {
    super(message)
    this.name = 'LabError'
    this.code = code
    this.file = where.file
    this.line = where.line
    this.column = where.column
    this.hint = where.hint
  }

  toJSON(): LabErrorInfo {
    const out: LabErrorInfo = { code: this.code, message: this.message }
    if (this.file !== undefined) out.file = this.file
    if (this.line !== undefined) out.line = this.line
    if (this.column !== undefined) out.column = this.column
    if (this.hint !== undefined) out.hint = this.hint
    return out
  }

  /** `FILE:LINE:COLUMN: message` as compilers print it; parts that are unknown are left out. */
  toLocationString(): string {
    const where = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':')
    const text = this.hint ? `${this.message} (${this.hint})` : this.message
    return where ? `${where}: ${text}` : text
  }
}

export function isLabError(e: unknown): e is LabError {
  return e instanceof LabError
}

/** Turn anything thrown into the wire shape, never leaking a stack. */
export function toErrorInfo(e: unknown): LabErrorInfo {
  if (e instanceof LabError) return e.toJSON()
  if (e instanceof Error && e.name === 'CancelledError') return { code: 'cancelled', message: 'Cancelled.' }
  const message = e instanceof Error ? e.message : String(e)
  return { code: 'internal', message }
}
