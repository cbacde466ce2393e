import { describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  BROWN_GENRES,
  detagBrownText,
  loadBrown,
  loadChinesePoetry,
  loadCorpusSource,
  loadMobyDick,
  loadStateOfTheUnion,
  resolveBrownGenre,
} from '../../../src/core/corpus/sources/index'
import { LabError } from '../../../src/shared/errors'

describe('Brown corpus', () => {
  const all = loadBrown()

  it('has the 500 samples in the 15 genres of the corpus manual (Francis & Kucera 1979)', () => {
    expect(all).toHaveLength(500)
    expect(BROWN_GENRES).toHaveLength(15)
    expect(BROWN_GENRES.reduce((s, g) => s + g.samples, 0)).toBe(500)
    for (const g of BROWN_GENRES) expect(all.filter((d) => d.genre === g.name)).toHaveLength(g.samples)
    expect(new Set(all.map((d) => d.id)).size).toBe(500)
    expect(all.every((d) => d.lang === 'en' && d.source === 'brown')).toBe(true)
  })

  it('drops the tags and restores ordinary spacing', () => {
    const first = all.find((d) => d.id === 'brown:ca01')
    expect(first?.text.startsWith('The Fulton County Grand Jury said Friday an investigation of Atlanta\'s recent primary election produced "no evidence" that any irregularities took place.')).toBe(true)
    expect(first?.text).not.toMatch(/\/(at|nn|np)\b/)
    expect(detagBrownText("\n\n\tHe/pps said/vbd (/( yes/rb )/) ,/, ``/`` go/vb ''/'' ./.\n\tNext/ap ./.\n\n\tNew/jj paragraph/nn ./.")).toBe(
      'He said (yes), "go". Next.\n\nNew paragraph.',
    )
  })

  it('selects genres by name or code, and rejects unknown ones with the list', () => {
    expect(loadBrown({ genres: ['news', 'm'] }).map((d) => d.genre)).toEqual([...Array(44).fill('news'), ...Array(6).fill('science_fiction')])
    expect(resolveBrownGenre('Science-Fiction').code).toBe('m')
    expect(() => loadBrown({ genres: ['poetry'] })).toThrow(LabError)
    try {
      loadBrown({ genres: ['poetry'] })
    } catch (e) {
      expect((e as LabError).hint).toContain('news (a)')
    }
  })
})

describe('packaged English corpora', () => {
  it('Moby-Dick: 135 chapters plus etymology, extracts and epilogue', () => {
    const docs = loadMobyDick()
    expect(docs).toHaveLength(138)
    expect(docs.filter((d) => d.id.startsWith('moby-dick:chapter-'))).toHaveLength(135)
    expect(docs.find((d) => d.id === 'moby-dick:chapter-1')?.text.startsWith('Call me Ishmael.')).toBe(true)
  })

  it('State of the Union: one document per address, unique ids', () => {
    const docs = loadStateOfTheUnion()
    expect(docs.length).toBeGreaterThan(200)
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length)
    expect(docs[0].id).toBe('sotu:1790-george-washington')
  })
})

describe('Chinese poetry extract', () => {
  it('loads Tang and Song poems as Chinese documents', () => {
    const docs = loadChinesePoetry()
    const tang = docs.filter((d) => d.genre === 'tang')
    const song = docs.filter((d) => d.genre === 'song')
    expect(tang.length).toBeGreaterThan(1000)
    expect(song.length).toBeGreaterThan(1000)
    expect(docs.every((d) => d.lang === 'zh' && /\p{Script=Han}/u.test(d.text))).toBe(true)
    expect(loadCorpusSource('chinese-poetry:song').length).toBe(song.length)
  })

  it('honours SCALING_LAB_RESOURCES', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-res-'))
    mkdirSync(join(dir, 'corpora', 'chinese-poetry'), { recursive: true })
    writeFileSync(join(dir, 'corpora', 'chinese-poetry', 'tang.jsonl'), JSON.stringify({ id: 'tang-x', text: '白日依山盡，黃河入海流。' }) + '\n')
    writeFileSync(join(dir, 'corpora', 'chinese-poetry', 'song.jsonl'), '')
    const before = process.env.SCALING_LAB_RESOURCES
    process.env.SCALING_LAB_RESOURCES = dir
    try {
      expect(loadChinesePoetry().map((d) => d.id)).toEqual(['chinese-poetry:tang-x'])
    } finally {
      if (before === undefined) delete process.env.SCALING_LAB_RESOURCES
      else process.env.SCALING_LAB_RESOURCES = before
    }
  })
})

describe('corpus names', () => {
  it('resolves built-in names and reports unknown dynasties', () => {
    expect(loadCorpusSource('brown:humor')).toHaveLength(9)
    expect(() => loadCorpusSource('chinese-poetry:ming')).toThrow(/not a dynasty/)
    expect(() => loadCorpusSource('no-such-corpus-or-file')).toThrow(LabError)
  })
})
