// The import dialog's mapping: what it sends back to the engine and what it shows after a preview.
import { describe, expect, it } from 'vitest'
import { cleanMapping, KNOWN_FIELDS, shownMapping } from '../../../src/renderer/catalog/import-fields'
import { IMPORT_FIELDS } from '../../../src/core/ingest/fields'
import { FORMAT_FIELDS } from '../../../src/core/ingest/formats'

// what the engine mapped on its own for an lm-eval style table with a yes/no "deduped" column
const auto = { model: 'model', task: 'task', value: 'acc', family_flag: 'deduped', params: 'size' }

describe('cleanMapping', () => {
  it('keeps fields with a column', () => {
    expect(cleanMapping({ model: 'model', task: 'task' }, auto)).toEqual({ model: 'model', task: 'task' })
  })

  it('sends a field the user cleared, that the automatic mapping had chosen, with an empty column (unmap it)', () => {
    expect(cleanMapping({ model: 'model', family_flag: '', params: '  ' }, auto)).toEqual({ model: 'model', family_flag: '', params: '  ' })
  })

  it('leaves out a field the user added and left empty (the engine had not mapped it)', () => {
    expect(cleanMapping({ model: 'model', stderr: '' }, auto)).toEqual({ model: 'model' })
  })

  it('without an automatic mapping, leaves out every empty field', () => {
    expect(cleanMapping({ model: 'model', family_flag: '' })).toEqual({ model: 'model' })
  })
})

describe('shownMapping', () => {
  it('shows the preview mapping plus the fields the user switched off', () => {
    const preview = { model: 'model', task: 'task', value: 'acc', params: 'size' }
    expect(shownMapping(preview, { ...auto, family_flag: '' }, auto)).toEqual({ ...preview, family_flag: '' })
  })

  it('drops a field the user added and left empty, and follows the preview for mapped fields', () => {
    const preview = { model: 'model', task: 'task', value: 'score' }
    expect(shownMapping(preview, { model: 'model', value: 'score', stderr: '' }, auto)).toEqual(preview)
  })

  it('is the preview mapping when nothing was edited', () => {
    expect(shownMapping(auto, auto, auto)).toEqual(auto)
  })
})

describe('KNOWN_FIELDS', () => {
  it('offers every field the engine can map in some shape, and only those', () => {
    const mappable = new Set(Object.values(FORMAT_FIELDS).flatMap((s) => s.fields))
    expect(new Set(KNOWN_FIELDS)).toEqual(mappable)
    for (const f of KNOWN_FIELDS) expect(IMPORT_FIELDS).toContain(f)
  })

  it('offers the evaluation and per-option prediction fields', () => {
    for (const f of ['n', 'item', 'family_flag', 'option', 'gold', 'is_gold']) expect(KNOWN_FIELDS).toContain(f)
  })
})
