import { describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../../src/shared/api'
import { initialTexts, patchFromTexts } from '../../../../src/renderer/components/run/run-edit-fields'

// Chinchilla: 70B parameters on 1.4T tokens, 5.76e23 FLOPs (Hoffmann et al. 2022, arXiv 2203.15556)
const run: RunSummary = {
  id: 1,
  projectId: 1,
  name: 'chinchilla',
  family: null,
  params: 70e9,
  activeParams: null,
  nonembeddingParams: null,
  tokens: 1.4e12,
  flops: 5.76e23,
  experts: null,
  topK: null,
  tags: ['paper'],
  notes: null,
  hidden: false,
  metrics: ['loss'],
}

describe('run edit form fields', () => {
  it('start from the run in the field\'s units, and send nothing when nothing changed', () => {
    const texts = initialTexts(run)
    expect(texts).toMatchObject({ params: '70B', tokens: '1.4T', flops: '5.76e23', family: '', tags: 'paper', experts: '' })
    expect(patchFromTexts(run, texts)).toEqual({ patch: {}, problems: [] })
  })

  it('send only the changed boxes, parsed with units; an empty box clears', () => {
    const texts = { ...initialTexts(run), params: '1.4B', tokens: '300B', family: 'Pythia', tags: 'a, b', experts: '8', flops: '' }
    expect(patchFromTexts(run, texts)).toEqual({ patch: { family: 'Pythia', params: 1.4e9, tokens: 3e11, flops: null, experts: 8, tags: ['a', 'b'] }, problems: [] })
  })

  it('name the boxes that cannot be stored', () => {
    const texts = { ...initialTexts(run), params: 'big', tokens: '-5B', experts: '2.5', family: 'x'.repeat(201) }
    const { problems } = patchFromTexts(run, texts)
    expect(problems.map((p) => [p.field, p.kind])).toEqual([
      ['family', 'tooLong'],
      ['params', 'invalid'],
      ['tokens', 'invalid'],
      ['experts', 'invalidExperts'],
    ])
  })
})
