/** Building a claim row: the lab's value beside the published one, and the rule that decides `agrees`. */
import type { AtlasClaim } from '../../../shared/api/atlas'

interface ClaimInput {
  claim: string
  paper_value: number
  lab_value: number
  unit: string
  source: string
}

/** agrees when |lab - paper| <= tol */
export function absoluteClaim(c: ClaimInput, tol: number, why: string): AtlasClaim {
  return { ...c, agrees: Math.abs(c.lab_value - c.paper_value) <= tol, tolerance: `|lab - paper| <= ${tol} (${why})` }
}

/** agrees when |lab - paper| <= rel * |paper| */
export function relativeClaim(c: ClaimInput, rel: number, why: string): AtlasClaim {
  return { ...c, agrees: Math.abs(c.lab_value - c.paper_value) <= rel * Math.abs(c.paper_value), tolerance: `within ${rel * 100}% of the paper value (${why})` }
}

/** agrees when lab <= paper * (1 + rel): the lab's fit is at least as good as the published one */
export function atMostClaim(c: ClaimInput, rel: number, why: string): AtlasClaim {
  return { ...c, agrees: c.lab_value <= c.paper_value * (1 + rel), tolerance: `lab <= paper x ${1 + rel} (${why})` }
}

export function fmt(v: number, digits = 4): string {
  return Number(v.toPrecision(digits)).toString()
}
