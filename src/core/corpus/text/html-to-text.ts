/**
 * HTML to plain text with htmlparser2 (a maintained, forgiving HTML parser; no regular expressions on
 * markup). Entities are decoded; script, style, noscript, template, svg, iframe, object and canvas are
 * dropped with their content; block elements (p, div, headings, list items, table rows, br, ...) become line
 * breaks so paragraphs survive; runs of spaces collapse except inside <pre>.
 */
import { Parser } from 'htmlparser2'

const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'canvas', 'head'])
/** elements that keep <title> visible even though <head> is dropped */
const KEPT_IN_DROPPED = new Set(['title'])
const PARAGRAPH = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'blockquote', 'pre', 'table',
  'ul', 'ol', 'dl', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'form', 'fieldset', 'address',
  'title', 'hr', 'body', 'html',
])
const LINE = new Set(['br', 'li', 'tr', 'dt', 'dd', 'caption', 'option'])
const CELL = new Set(['td', 'th'])
/** spaces and tabs inside <pre> hide behind private-use characters while other white space is collapsed */
const PRE_SPACE = '\ue000'
const PRE_TAB = '\ue001'
const PRE_SPACE_ALL = /\ue000/g
const PRE_TAB_ALL = /\ue001/g

/** True when the text contains an HTML tag, comment, doctype or a named or numeric character reference. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?|\/[a-zA-Z][a-zA-Z0-9-]*\s*|!--|!doctype)>?/i.test(text) || /&(?:[a-zA-Z]{2,10}|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.test(text)
}

export function htmlToText(html: string): string {
  const chunks: string[] = []
  let dropDepth = 0
  let keepInsideDrop = 0
  let preDepth = 0
  const visible = (): boolean => dropDepth === 0 || keepInsideDrop > 0
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED.has(name)) dropDepth++
        else if (KEPT_IN_DROPPED.has(name) && dropDepth > 0) keepInsideDrop++
        if (name === 'pre') preDepth++
        if (!visible()) return
        if (PARAGRAPH.has(name)) chunks.push('\n\n')
        else if (LINE.has(name)) chunks.push('\n')
        else if (CELL.has(name)) chunks.push('\t')
      },
      ontext(data) {
        if (!visible()) return
        chunks.push(preDepth > 0 ? data.replace(/ /g, PRE_SPACE).replace(/\t/g, PRE_TAB) : data.replace(/[ \t\r\n\f]+/g, ' '))
      },
      onclosetag(name) {
        if (visible()) {
          if (PARAGRAPH.has(name)) chunks.push('\n\n')
          else if (name === 'li' || name === 'tr' || name === 'dd') chunks.push('\n')
        }
        if (DROPPED.has(name)) dropDepth = Math.max(0, dropDepth - 1)
        else if (KEPT_IN_DROPPED.has(name) && keepInsideDrop > 0) keepInsideDrop--
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1)
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  return chunks
    .join('')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(PRE_SPACE_ALL, ' ')
    .replace(PRE_TAB_ALL, '\t')
}
