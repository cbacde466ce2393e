import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadTextSource } from '../../../src/core/corpus/sources/index'
import { LabError } from '../../../src/shared/errors'

const fixtures = join(__dirname, '..', '..', 'fixtures', 'corpus')

function labError(fn: () => unknown): LabError {
  try {
    fn()
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error('expected a LabError')
}

describe('loadTextSource', () => {
  it('reads a .txt file as one document, or one per blank-line block', () => {
    const whole = loadTextSource(join(fixtures, 'notes.txt'))
    expect(whole).toHaveLength(1)
    expect(whole[0].id).toBe('notes.txt')
    const blocks = loadTextSource(join(fixtures, 'notes.txt'), { txtUnit: 'paragraph' })
    expect(blocks.map((d) => d.id)).toEqual(['notes.txt:1', 'notes.txt:4'])
    expect(blocks[1].text).toBe('The second block is about ships.')
  })

  it('reads .jsonl text fields with line numbers in ids and detects Chinese', () => {
    const docs = loadTextSource(join(fixtures, 'docs.jsonl'))
    expect(docs.map((d) => d.id)).toEqual(['docs.jsonl:1', 'docs.jsonl:2', 'docs.jsonl:4'])
    expect(docs.map((d) => d.lang)).toEqual(['en', 'en', 'zh'])
  })

  it('names the line of broken JSON and of a missing text field', () => {
    const bad = labError(() => loadTextSource(join(fixtures, 'bad.jsonl')))
    expect(bad.code).toBe('corpus-bad-jsonl')
    expect(bad.line).toBe(2)
    expect(bad.file).toContain('bad.jsonl')
    const missing = labError(() => loadTextSource(join(fixtures, 'no-text-field.jsonl')))
    expect(missing.line).toBe(2)
    expect(missing.hint).toContain('body')
  })

  it('reads the text column of a CSV, quoted commas and newlines included', () => {
    const docs = loadTextSource(join(fixtures, 'reviews.csv'))
    expect(docs.map((d) => d.text)).toEqual(['Great book, would read again.', 'Too long\nand too slow.'])
    const e = labError(() => loadTextSource(join(fixtures, 'reviews.csv'), { csvColumn: 'review' }))
    expect(e.code).toBe('corpus-csv-no-text-column')
    expect(e.hint).toContain('Text')
  })

  it('strips HTML files with the parser: no script, style or comments, entities decoded', () => {
    const [d] = loadTextSource(join(fixtures, 'page.html'))
    expect(d.text).toContain('Whales & Ships')
    expect(d.text).toContain('Café <not a tag> — done.')
    expect(d.text).not.toContain('secret')
    expect(d.text).not.toContain('color')
    expect(d.text).not.toContain('comment')
    expect(d.text.split('\n')).toContain('First item')
  })

  it('reads a folder recursively in sorted order, skipping other files and empty ones', () => {
    const docs = loadTextSource(join(fixtures, 'folder'))
    expect(docs.map((d) => d.id)).toEqual(['a.txt', 'sub/b.md', 'sub/c.html'])
    expect(docs[2].text).toBe('An HTML file.')
  })

  it('refuses binary, non-UTF-8, empty and unknown inputs with the file and what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-bad-'))
    writeFileSync(join(dir, 'blob.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]))
    const binary = labError(() => loadTextSource(join(dir, 'blob.txt')))
    expect(binary.code).toBe('corpus-binary')
    expect(binary.file).toContain('blob.txt')
    expect(binary.hint).toBeTruthy()

    // "ok\ncaf" then 0xE9 (é in Latin-1): line 2, column 4
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x6f, 0x6b, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]))
    const latin = labError(() => loadTextSource(join(dir, 'latin1.txt')))
    expect(latin.code).toBe('corpus-not-utf8')
    expect([latin.line, latin.column]).toEqual([2, 4])

    writeFileSync(join(dir, 'empty.txt'), '  \n\n')
    expect(labError(() => loadTextSource(join(dir, 'empty.txt'))).code).toBe('corpus-empty')
    writeFileSync(join(dir, 'data.bin'), 'text')
    expect(labError(() => loadTextSource(join(dir, 'data.bin'))).code).toBe('corpus-unsupported-file')
    const emptyDir = mkdtempSync(join(tmpdir(), 'corpus-empty-'))
    writeFileSync(join(emptyDir, 'x.png'), 'x')
    expect(labError(() => loadTextSource(emptyDir)).code).toBe('corpus-empty')
    expect(labError(() => loadTextSource(join(dir, 'missing.txt'))).code).toBe('corpus-not-found')
  })
})

describe('loadTextSource with a display name', () => {
  it('names the file as the user knows it in ids and errors (uploads are stored under random names)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-named-'))
    writeFileSync(join(dir, '0123abcd-notes.txt'), 'Some notes.')
    expect(loadTextSource(join(dir, '0123abcd-notes.txt'), { name: 'notes.txt' })[0].id).toBe('notes.txt')
    writeFileSync(join(dir, '0123abcd-weights.txt'), Buffer.from([1, 0, 2]))
    const e = labError(() => loadTextSource(join(dir, '0123abcd-weights.txt'), { name: 'weights.txt' }))
    expect(e.file).toBe('weights.txt')
    expect(e.message).toBe('weights.txt looks like a binary file (a NUL byte at offset 1), not text.')
  })
})
