import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../../../src/core/corpus/pipeline/run-pipeline'
import { cleanCorpus } from '../../../src/core/corpus/clean-corpus'
import { loadBrown, loadTextSource } from '../../../src/core/corpus/sources/index'
import type { CorpusDocument } from '../../../src/core/corpus/types'
import type { PipelineReport } from '../../../src/core/corpus/pipeline/types'
import { CancelledError } from '../../../src/core/jobs/cancelled'
import { LabError } from '../../../src/shared/errors'
import { countWords } from '../../../src/core/corpus/text/words'
import { distinctWords, doc } from './helpers'

function expectConsistentFunnel(report: PipelineReport, docsIn: number): void {
  let docs = docsIn
  for (const s of report.stages) {
    expect(s.docsIn).toBe(docs)
    expect(s.docsIn - s.docsOut).toBe(s.removedCount)
    expect(Object.values(s.reasonCounts).reduce((a, b) => a + b, 0)).toBe(s.removedCount)
    expect(s.tokensOut).toBeLessThanOrEqual(s.tokensIn)
    docs = s.docsOut
  }
  expect(report.kept).toHaveLength(docs)
  expect(report.stages.at(-1)?.tokensOut).toBe(report.kept.reduce((sum, d) => sum + countWords(d.text), 0))
}

describe('runPipeline on crafted documents', () => {
  const body = (from: number): string => ['the', 'of', ...distinctWords(120, from)].join(' ')
  const good = body(0)
  const nearCopy = good.split(' ').map((w, i) => (i === 60 ? 'changed' : w)).join(' ')
  const evalText = distinctWords(30, 50000).join(' ')
  const docs: CorpusDocument[] = [
    doc('good', good),
    doc('html', `<html><body><p>${body(1000)}</p><script>var x = 1</script></body></html>`),
    doc('short', 'the of too short'),
    doc('bad', `${body(2000)} badword`),
    doc('copy', good.toUpperCase()),
    doc('near', nearCopy),
    doc('leak', `${body(3000)} ${evalText}`),
    doc('other', body(4000)),
  ]

  it('removes each planted problem at its own stage, with a reason', () => {
    const report = runPipeline(docs, { harmful: { blocklist: ['badword'] }, decontamination: { evalText } })
    expect(report.stages.map((s) => s.name)).toEqual(['strip-html', 'quality', 'harmful', 'exact-dedup', 'near-dedup', 'decontaminate'])
    const removedAt = Object.fromEntries(report.stages.map((s) => [s.name, s.removed.map((r) => r.id)]))
    expect(removedAt).toEqual({
      'strip-html': [],
      quality: ['short'],
      harmful: ['bad'],
      'exact-dedup': ['copy'],
      'near-dedup': ['near'],
      decontaminate: ['leak'],
    })
    expect(report.stages[0].modifiedCount).toBe(1)
    expect(report.kept.map((d) => d.id)).toEqual(['good', 'html', 'other'])
    expect(report.kept[1].text).not.toContain('<p>')
    expect(report.kept[1].text).not.toContain('var x')
    expect(report.stages[3].clusters).toEqual([{ keptId: 'good', removed: [{ id: 'copy', similarity: 1 }] }])
    expect(report.stages[4].clusters?.[0].keptId).toBe('good')
    expectConsistentFunnel(report, docs.length)
  })

  it('passes documents through switched-off stages and caps the examples, not the counts', () => {
    const report = runPipeline(docs, { stripHtml: false, quality: false, harmful: false, exactDedup: false, nearDedup: false, maxExamples: 0 })
    expect(report.stages.every((s) => !s.enabled || s.name === 'decontaminate')).toBe(true)
    expect(report.kept).toHaveLength(docs.length)
    const capped = runPipeline(docs, { harmful: { blocklist: ['badword'] }, maxExamples: 0 })
    expect(capped.stages[1].removed).toEqual([])
    expect(capped.stages[1].removedCount).toBe(1)
  })

  it('reports progress that only grows and ends at 1, and stops when cancelled', () => {
    const seen: number[] = []
    runPipeline(docs, { harmful: { blocklist: ['badword'] } }, { onProgress: (f) => seen.push(f) })
    expect(seen.at(-1)).toBe(1)
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1])
    const controller = new AbortController()
    controller.abort()
    expect(() => runPipeline(docs, {}, { signal: controller.signal })).toThrow(CancelledError)
  })

  it('refuses an empty corpus', () => {
    expect(() => runPipeline([])).toThrow(LabError)
  })
})

describe('a real run over Brown genres', () => {
  it('cleans humor and science fiction with a planted duplicate, a near copy and a leaked evaluation text', () => {
    const brown = loadBrown({ genres: ['humor', 'science_fiction'] })
    expect(brown).toHaveLength(15)
    const cr01 = brown.find((d) => d.id === 'brown:cr01')
    const cm01 = brown.find((d) => d.id === 'brown:cm01')
    if (!cr01 || !cm01) throw new Error('Brown samples missing')
    const paragraphs = cm01.text.split('\n\n')
    const docs = [
      ...brown,
      { ...cr01, id: 'planted:exact-copy', text: cr01.text.replace(/\n\n/g, '\n\n\n') },
      { ...cm01, id: 'planted:near-copy', text: paragraphs.slice(0, -1).join('\n\n') },
    ]
    // the evaluation text is the opening of cr05: decontamination must remove cr05 itself
    const cr05 = brown.find((d) => d.id === 'brown:cr05')
    if (!cr05) throw new Error('brown:cr05 missing')
    const evalText = cr05.text.split(/\s+/).slice(0, 200).join(' ')
    const report = runPipeline(docs, { decontamination: { evalText } })
    const removed = (name: string): string[] => report.stages.find((s) => s.name === name)?.removed.map((r) => r.id) ?? []
    expect(removed('quality')).toEqual([])
    expect(removed('harmful')).toEqual([])
    expect(removed('exact-dedup')).toEqual(['planted:exact-copy'])
    expect(removed('near-dedup')).toEqual(['planted:near-copy'])
    expect(removed('decontaminate')).toEqual(['brown:cr05'])
    expect(report.kept).toHaveLength(14)
    expectConsistentFunnel(report, 17)
  })
})

describe('cleanCorpus', () => {
  it('writes the kept documents as JSONL and the report as JSON', async () => {
    const out = mkdtempSync(join(tmpdir(), 'corpus-clean-'))
    const fixtures = join(__dirname, '..', '..', 'fixtures', 'corpus')
    const result = await cleanCorpus(['brown:humor', join(fixtures, 'folder')], out, { evalSources: ['brown:cr09'], quality: { en: { minWords: 3 } } })
    expect(result.corpusFile).toBe(join(out, 'corpus.jsonl'))
    const lines = readFileSync(result.corpusFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => l.id)).not.toContain('brown:cr09')
    expect(lines.length).toBe(result.report.keptDocs)
    expect(lines[0]).toMatchObject({ id: 'brown:cr01', source: 'brown', genre: 'humor', lang: 'en' })
    const report = JSON.parse(readFileSync(result.reportFile, 'utf8')) as typeof result.report
    expect(report.sources.map((s) => [s.spec.split('/').pop(), s.docs])).toEqual([
      ['brown:humor', 9],
      ['folder', 3],
    ])
    expect(report.stages.find((s) => s.name === 'decontaminate')?.removedCount).toBe(1)
    expect(loadTextSource(result.corpusFile)).toHaveLength(result.report.keptDocs)
  })
})
