/**
 * Where reading a log file resumes when it grows (a watched folder, issue 14): the byte offset just past the last
 * row that ended with its line end, that offset's line, the SHA-256 of every byte before it (a later read checks
 * that this prefix is unchanged, else the file was rewritten), and the column typing the import used (a wide log's
 * metric columns were typed over the whole file once; rows appended later are read the same way).
 */
import { z } from 'zod'
import type { XKind } from '../catalog/types'
import { FileHash } from './hash-file'
import type { ImportPlan } from './plan'
import type { ReadCsvResult } from './read-csv-file'

const columns = z.array(z.object({ index: z.number().int().nonnegative(), key: z.string() }))

const resumeSchema = z.object({
  offset: z.number().int().nonnegative(),
  line: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  xKind: z.enum(['step', 'tokens', 'flops']),
  lenient: z.boolean(),
  metricColumns: z.array(z.object({ index: z.number().int().nonnegative(), metric: z.string() })),
  configColumns: columns,
  tagColumns: columns,
})

export type ResumePoint = z.infer<typeof resumeSchema> & { xKind: XKind }

/** The stored JSON, or undefined when it is missing or not of this form (the import then cannot resume). */
export function parseResumePoint(json: string | null): ResumePoint | undefined {
  if (!json) return undefined
  try {
    const r = resumeSchema.safeParse(JSON.parse(json))
    return r.success ? r.data : undefined
  } catch {
    return undefined
  }
}

/** The resume point after reading `read` of the file whose first `whole.size` bytes hash to `whole.sha256`. */
export async function resumePointOf(
  path: string,
  plan: ImportPlan,
  read: ReadCsvResult,
  whole: { sha256: string; size: number },
  options: { lenient?: boolean },
  signal?: AbortSignal,
): Promise<ResumePoint> {
  let sha256 = whole.sha256
  if (read.resumeOffset !== whole.size) {
    const hash = new FileHash(path)
    await hash.extendTo(read.resumeOffset, signal)
    sha256 = hash.digest()
  }
  return {
    offset: read.resumeOffset,
    line: read.resumeLine,
    sha256,
    xKind: plan.xKind,
    lenient: options.lenient ?? false,
    metricColumns: plan.metricColumns,
    configColumns: plan.configColumns,
    tagColumns: plan.tagColumns,
  }
}

/** The warning for a last row held back because its line has no end yet (nothing when none was). */
export function heldBackWarning(resumeOffset: number, end: number, line: number): string[] {
  if (resumeOffset >= end) return []
  const bytes = end - resumeOffset
  return [`Line ${line} has no line end yet (${bytes} byte${bytes === 1 ? '' : 's'}): it is held back until it is complete, then imported.`]
}
