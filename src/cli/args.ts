/** A small argument parser: positionals, --flag value, --flag=value, repeated flags, boolean switches. */
import { LabError } from '../shared/errors'

export interface ParsedArgs {
  positionals: string[]
  options: Map<string, string[]>
  switches: Set<string>
}

export interface ArgSpec {
  /** options that take a value */
  values: string[]
  /** options that take no value */
  switches: string[]
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: new Map(), switches: new Set() }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--') || arg === '-') {
      out.positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq === -1 ? undefined : eq)
    if (spec.switches.includes(name)) {
      if (eq !== -1) throw new LabError('usage', `--${name} takes no value`)
      out.switches.add(name)
    } else if (spec.values.includes(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i]
      if (value === undefined) throw new LabError('usage', `--${name} needs a value`)
      const list = out.options.get(name) ?? []
      list.push(value)
      out.options.set(name, list)
    } else {
      throw new LabError('usage', `unknown option --${name}`, { hint: 'see --help' })
    }
  }
  return out
}

export function option(args: ParsedArgs, name: string): string | undefined {
  const list = args.options.get(name)
  return list ? list[list.length - 1] : undefined
}

/** A number option; `expected` says what `check` wants ("a share in (0, 0.5]"), for the message when it fails. */
export function numberOption(args: ParsedArgs, name: string, check?: (n: number) => boolean, expected?: string): number | undefined {
  const raw = option(args, name)
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isFinite(n) || (check && !check(n))) throw new LabError('usage', `--${name} ${JSON.stringify(raw)} is not ${expected ?? 'a valid number here'}`)
  return n
}

/** --map field=column, repeated */
export function mappingOption(args: ParsedArgs, name = 'map'): Record<string, string> | undefined {
  const list = args.options.get(name)
  if (!list) return undefined
  const mapping: Record<string, string> = {}
  for (const item of list) {
    const eq = item.indexOf('=')
    if (eq <= 0 || eq === item.length - 1) throw new LabError('usage', `--${name} ${JSON.stringify(item)} must look like field=column`)
    mapping[item.slice(0, eq).trim()] = item.slice(eq + 1).trim()
  }
  return mapping
}

/** comma-separated names, e.g. --runs a,b,c (repeatable) */
export function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const list = args.options.get(name)
  if (!list) return undefined
  return list.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)
}
