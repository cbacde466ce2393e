/**
 * The page's meta CSP (src/renderer/index.html) and the header every door sends (src/shared/csp.ts) say the same,
 * apart from frame-ancestors, which a meta tag cannot carry: a looser copy in the page would be a second policy
 * to review.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp'

const directives = (policy: string): string[] =>
  policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter((d) => d && !d.startsWith('frame-ancestors'))
    .sort()

describe('the content security policy', () => {
  it('is the same in the page and in the header', () => {
    const html = readFileSync(join(__dirname, '..', '..', '..', 'src', 'renderer', 'index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta).not.toBeNull()
    expect(directives(meta![1])).toEqual(directives(CONTENT_SECURITY_POLICY))
  })
})
