/**
 * Reading a compute or count typed by the user (5.76e23, 70B, 1.4T, 2.5k, 1e21 FLOPs, 3.1e8 PF-days) with the
 * importer's own parser (src/shared/units.ts, the one home of the field's suffixes and unit words): a typed value
 * reads as the same value in a CSV cell. Null for anything else, and for values that are not positive.
 */
import { parseQuantity } from '../../../shared/units'

export function parseQuantityText(text: string): number | null {
  const v = parseQuantity(text)
  return v !== undefined && v > 0 ? v : null
}

export const parseFlops = parseQuantityText
