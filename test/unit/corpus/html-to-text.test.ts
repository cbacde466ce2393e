import { describe, expect, it } from 'vitest'
import { htmlToText, looksLikeHtml } from '../../../src/core/corpus/text/html-to-text'
import { stripHtmlStage } from '../../../src/core/corpus/stages/strip-html'

describe('htmlToText', () => {
  it('keeps block breaks and drops script and style', () => {
    const html = '<div>One<p>Two <b>bold</b></p><script>alert(1)</script><style>p{}</style>Three<br/>Four</div>'
    expect(htmlToText(html)).toBe('One\n\nTwo bold\n\nThree\nFour')
  })

  it('does not treat a tag-like string inside a script as markup', () => {
    expect(htmlToText('<p>a</p><script>document.write("<p>b</p>")</script><p>c</p>')).toBe('a\n\nc')
  })

  it('preserves spacing inside pre', () => {
    expect(htmlToText('<pre>x  =  1\ny</pre>')).toBe('x  =  1\ny')
  })

  it('recognises markup, entities, and leaves plain text alone', () => {
    expect(looksLikeHtml('<p>x</p>')).toBe(true)
    expect(looksLikeHtml('fish &amp; chips')).toBe(true)
    expect(looksLikeHtml('if a < b and c > d then')).toBe(false)
    expect(looksLikeHtml('Plain words.')).toBe(false)
  })
})

describe('strip-html stage', () => {
  it('changes documents with markup, removes those left empty, passes plain text through', () => {
    const docs = [
      { id: 'a', text: '<p>Hello <i>world</i></p>', source: 't', lang: 'en' as const },
      { id: 'b', text: '<script>x()</script><style>p{}</style>', source: 't', lang: 'en' as const },
      { id: 'c', text: 'a < b', source: 't', lang: 'en' as const },
    ]
    const out = stripHtmlStage(docs)
    expect(out.kept.map((d) => d.text)).toEqual(['Hello world', 'a < b'])
    expect(out.kept[1]).toBe(docs[2])
    expect(out.removed.map((r) => [r.id, r.rule])).toEqual([['b', 'empty-after-html']])
    expect(out.modified?.map((m) => m.id)).toEqual(['a'])
  })
})
