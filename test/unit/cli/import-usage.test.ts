// The import command's usage text names every field a column can be mapped to, and no other.
import { describe, expect, it } from 'vitest'
import { importCommand } from '../../../src/cli/commands/import'
import { FORMAT_FIELDS } from '../../../src/core/ingest/formats'

/** the words of the usage's field lines (from "field:" up to the --map field= line) */
function usageFields(usage: string): Set<string> {
  const block = usage.slice(usage.indexOf('field:') + 'field:'.length, usage.lastIndexOf('--map field='))
  return new Set(block.replace(/evaluations:|predictions:|per option:/g, ' ').match(/[a-z_]+/g) ?? [])
}

describe('scaling-lab import usage', () => {
  it('lists exactly the fields the shapes can map (including n, item, family_flag, option, gold, is_gold)', () => {
    const mappable = new Set(Object.values(FORMAT_FIELDS).flatMap((s) => s.fields))
    expect(usageFields(importCommand.usage)).toEqual(mappable)
  })

  it('says how to unmap a field the automatic mapping chose', () => {
    expect(importCommand.usage).toContain('--map family_flag=')
  })
})
