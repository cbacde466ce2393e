/**
 * The run page's edit form as plain functions: the text each box starts with (counts with suffixes, FLOPs in
 * scientific notation), and the updateRun patch the edited texts ask for: only boxes whose text changed are
 * sent, counts parsed with their units (1.4B, 300B, 5.76e23), an empty box clears its value, bad text is an
 * error naming the field.
 */
import type { RequestOf, RunSummary } from '../../../shared/api'
import { formatCount, formatScientific } from '../../format/units'
import { parseQuantityText } from '../scaling/parse-quantity'

export const COUNT_FIELDS = ['params', 'activeParams', 'nonembeddingParams', 'tokens', 'flops'] as const
export type CountField = (typeof COUNT_FIELDS)[number]
export type EditField = CountField | 'experts' | 'family' | 'tags'
export const EDIT_FIELDS: readonly EditField[] = ['family', ...COUNT_FIELDS, 'experts', 'tags']
export const MAX_FAMILY = 200
const MAX_TAG = 100

export type EditTexts = Record<EditField, string>

/** The part of the updateRun request the form fills (the contract's own type, so the two cannot drift). */
export type EditPatch = Pick<RequestOf<'updateRun'>, EditField>

export interface EditProblem {
  field: EditField
  kind: 'invalid' | 'invalidExperts' | 'tooLong'
  text: string
  max?: number
}

const countText = (field: CountField, v: number | null): string => (v === null ? '' : field === 'flops' ? formatScientific(v, 4) : formatCount(v, 4))

export function initialTexts(run: RunSummary): EditTexts {
  return {
    family: run.family ?? '',
    params: countText('params', run.params),
    activeParams: countText('activeParams', run.activeParams),
    nonembeddingParams: countText('nonembeddingParams', run.nonembeddingParams),
    tokens: countText('tokens', run.tokens),
    flops: countText('flops', run.flops),
    experts: run.experts === null ? '' : String(run.experts),
    tags: run.tags.join(', '),
  }
}

/** The patch for the boxes the user changed, or the problems that stop it. */
export function patchFromTexts(run: RunSummary, texts: EditTexts): { patch: EditPatch; problems: EditProblem[] } {
  const start = initialTexts(run)
  const patch: EditPatch = {}
  const problems: EditProblem[] = []
  for (const field of EDIT_FIELDS) {
    const text = texts[field].trim()
    if (text === start[field].trim()) continue
    if (field === 'family') {
      if (text.length > MAX_FAMILY) problems.push({ field, kind: 'tooLong', text, max: MAX_FAMILY })
      else patch.family = text === '' ? null : text
    } else if (field === 'tags') {
      const tags = text.split(',').map((s) => s.trim()).filter(Boolean)
      if (tags.some((t) => t.length > MAX_TAG)) problems.push({ field, kind: 'tooLong', text, max: MAX_TAG })
      else patch.tags = tags
    } else if (field === 'experts') {
      const n = Number(text)
      if (text === '') patch.experts = null
      else if (!Number.isInteger(n) || n < 1 || n > 1e6) problems.push({ field, kind: 'invalidExperts', text })
      else patch.experts = n
    } else if (text === '') {
      patch[field] = null
    } else {
      const n = parseQuantityText(text)
      if (n === null) problems.push({ field, kind: 'invalid', text })
      else patch[field] = n
    }
  }
  return { patch, problems }
}
