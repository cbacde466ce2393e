/** Numeric options that accept the field's units: --flops 5.76e23, --unique-tokens 1.4T, --budget 1e24 (parseQuantity). */
import { parseQuantity } from '../shared/units'
import { LabError } from '../shared/errors'
import { option, type ParsedArgs } from './args'

export function quantityOption(args: ParsedArgs, name: string, check: (n: number) => boolean = (n) => n > 0, what = 'a positive number'): number | undefined {
  const raw = option(args, name)
  if (raw === undefined) return undefined
  const n = parseQuantity(raw)
  if (n === undefined || !Number.isFinite(n) || !check(n)) throw new LabError('usage', `--${name} ${JSON.stringify(raw)} must be ${what} (units like 5.76e23, 70B, 1.4T are accepted).`)
  return n
}

export function intOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = option(args, name)
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new LabError('usage', `--${name} ${JSON.stringify(raw)} must be a whole number from ${min} to ${max}.`)
  return n
}
