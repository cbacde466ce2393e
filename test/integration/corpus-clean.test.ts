/** `scaling-lab corpus clean` as a user runs it: built-in corpora and files in, corpus.jsonl + report.json out, clear errors. */
import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, runCliInProcess } from './run-cli'

const fixtures = join(repoRoot, 'test', 'fixtures', 'corpus')

describe('scaling-lab corpus clean', () => {
  it('cleans Brown humor plus a folder, decontaminates against a sample, and reports the funnel as JSON', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cli-corpus-'))
    const r = await runCliInProcess(['corpus', 'clean', 'brown:humor', join(fixtures, 'folder'), '--out', out, '--eval', 'brown:cr09', '--json'])
    expect(r.code).toBe(0)
    const j = r.json as { outDir: string; keptDocs: number; sources: { spec: string; docs: number }[]; stages: { name: string; docsIn: number; docsOut: number; removedCount: number; removed: { id: string; rule: string }[] }[] }
    expect(j.sources.map((s) => s.docs)).toEqual([9, 3])
    expect(j.stages.map((s) => s.name)).toEqual(['strip-html', 'quality', 'harmful', 'exact-dedup', 'near-dedup', 'decontaminate'])
    // the folder's three one-line files are too short for the Gopher word count
    expect(j.stages[1].removed.map((x) => x.rule)).toEqual(['word-count', 'word-count', 'word-count'])
    expect(j.stages[5].removed.map((x) => x.id)).toEqual(['brown:cr09'])
    expect(j.keptDocs).toBe(8)
    const lines = readFileSync(join(out, 'corpus.jsonl'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(8)
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).keptDocs).toBe(8)
  })

  it('prints the stages for people and takes the thresholds as flags', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cli-corpus-'))
    const r = await runCliInProcess(['corpus', 'clean', 'brown:science_fiction', '--out', out, '--threshold', '0.5', '--no-harmful', '--min-words', '10'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/harmful\s+off/)
    expect(r.stdout).toContain('kept 6 documents')
  })

  it('refuses an empty or a binary corpus with the file and what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-corpus-bad-'))
    writeFileSync(join(dir, 'empty.txt'), '\n\n')
    const empty = await runCliInProcess(['corpus', 'clean', join(dir, 'empty.txt'), '--out', join(dir, 'out'), '--json'])
    expect(empty.code).toBe(2)
    expect((empty.json as { error: { message: string; file: string } }).error).toMatchObject({ message: 'empty.txt contains no text.', file: join(dir, 'empty.txt') })
    writeFileSync(join(dir, 'model.txt'), Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x00, 0x01]))
    const binary = await runCliInProcess(['corpus', 'clean', join(dir, 'model.txt'), '--out', join(dir, 'out')])
    expect(binary.code).toBe(2)
    expect(binary.stderr).toContain('model.txt looks like a binary file')
    expect(binary.stderr).toContain('convert this file to text')
  })
})
