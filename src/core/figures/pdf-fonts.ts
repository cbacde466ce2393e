/**
 * Fonts for vector PDF figures. PDFKit's 14 standard fonts encode only WinAnsi (Latin-1 and a few signs), so a
 * figure with Chinese axis labels (or ≤, θ, …) needs a TrueType/OpenType font from the machine, embedded as a
 * subset. We look for one that covers every character the figure needs:
 *   1. fontconfig (`fc-list ':charset=…'`, then `fc-list :lang=zh` for CJK), preferring Noto Sans CJK SC,
 *      Source Han Sans SC, WenQuanYi Zen Hei / Micro Hei, Droid Sans Fallback, then DejaVu Sans;
 *   2. otherwise well-known font files per OS (Windows Fonts, macOS /System/Library/Fonts, Linux /usr/share/fonts).
 * A font collection (.ttc) is opened by the PostScript name of its face, read from fontconfig or from the
 * collection's own `name` table (OpenType spec, "TrueType Collections" and the `name` table, nameID 6).
 * When nothing is found the PDF keeps the standard fonts: Latin text stays intact.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface SystemFont {
  /** a .ttf, .otf or .ttc file */
  path: string
  /** the face's PostScript name; needed for a collection (.ttc) */
  postscriptName?: string
}

/** The cp1252 characters above U+00FF that the standard fonts' WinAnsiEncoding also draws. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

/** CJK scripts: Han (with extensions and compatibility), kana, Hangul, CJK punctuation and full-width forms. */
const CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3134f}]/u

export const hasCjk = (text: string): boolean => CJK.test(text)

/** Characters of `text` that the PDF standard fonts cannot draw (outside WinAnsi), each once, in order. */
export function charsBeyondStandardFonts(text: string): string[] {
  const out = new Set<string>()
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number
    if (cp < 0x20 || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch)) continue
    if (cp >= 0x7f && cp < 0xa0) continue
    out.add(ch)
  }
  return [...out]
}

/** The text of an SVG's <text>/<tspan> content and attributes' titles, with character references decoded. */
export function svgText(svg: string): string {
  const parts: string[] = []
  for (const m of svg.matchAll(/>([^<]+)</g)) parts.push(m[1])
  return parts
    .join(' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
}

/** Family preference, best first (matched as a prefix of fontconfig's family list). */
const PREFERRED_FAMILIES = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', 'Droid Sans Fallback', 'Noto Sans CJK', 'Source Han Sans', 'DejaVu Sans', 'Noto Sans', 'Arial Unicode MS']

interface FcEntry {
  file: string
  index: number
  postscriptName: string
  family: string
}

function fcList(pattern: string): FcEntry[] {
  try {
    const out = execFileSync('fc-list', ['-f', '%{file}\\t%{index}\\t%{postscriptname}\\t%{family}\\n', pattern], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] })
    return out
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((f) => f.length >= 4 && /\.(ttf|otf|ttc)$/i.test(f[0]))
      .map(([file, index, postscriptName, family]) => ({ file, index: Number(index) || 0, postscriptName, family }))
  } catch {
    return []
  }
}

function rank(e: FcEntry): number {
  const families = e.family.split(',').map((f) => f.trim())
  const i = PREFERRED_FAMILIES.findIndex((p) => families.some((f) => f.startsWith(p)))
  // regular faces before Mono/Sharp/Bold variants of the same family
  const variant = /mono|sharp|bold|light|thin|black|medium|heavy/i.test(e.postscriptName) ? 0.5 : 0
  return (i < 0 ? PREFERRED_FAMILIES.length : i) + variant
}

function pickFc(entries: FcEntry[]): SystemFont | null {
  const usable = entries.filter((e) => existsSync(e.file)).sort((a, b) => rank(a) - rank(b) || a.index - b.index)
  if (usable.length === 0) return null
  const best = usable[0]
  return { path: best.file, postscriptName: best.postscriptName || undefined }
}

/** Well-known font files with wide (CJK) coverage, per OS, best first. */
export function knownFontFiles(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const dir = join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts')
    return ['msyh.ttc', 'Deng.ttf', 'simhei.ttf', 'simsun.ttc', 'msjh.ttc', 'arialuni.ttf'].map((f) => join(dir, f))
  }
  if (platform === 'darwin') {
    return [
      '/System/Library/Fonts/PingFang.ttc',
      '/System/Library/Fonts/Hiragino Sans GB.ttc',
      '/System/Library/Fonts/STHeiti Light.ttc',
      '/Library/Fonts/Arial Unicode.ttf',
      '/System/Library/Fonts/Supplemental/Arial Unicode.ttf',
    ]
  }
  return [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    '/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  ]
}

const cache = new Map<string, SystemFont | null>()

/**
 * A system font that draws every character in `chars` (best effort: fontconfig checks coverage; the
 * well-known files are trusted by name). Cached per set of characters for the life of the process.
 */
export function findSystemFont(chars: readonly string[]): SystemFont | null {
  const cjk = chars.some(hasCjk)
  const key = chars.join('')
  if (cache.has(key)) return cache.get(key) ?? null
  const codepoints = chars.map((c) => (c.codePointAt(0) as number).toString(16))
  let font = codepoints.length > 0 ? pickFc(fcList(`:charset=${codepoints.slice(0, 2000).join(' ')}`)) : null
  if (!font && cjk) font = pickFc(fcList(':lang=zh-cn'))
  if (!font) {
    const files = knownFontFiles().filter((f) => existsSync(f))
    // without CJK text, DejaVu (last) is as good as a CJK font and smaller
    const path = cjk ? files.find((f) => !/dejavu/i.test(f)) : files[files.length - 1]
    if (path) font = { path }
  }
  if (font && /\.ttc$/i.test(font.path) && !font.postscriptName) {
    try {
      font = { path: font.path, postscriptName: collectionPostscriptName(readFileSync(font.path)) ?? undefined }
    } catch {
      font = null
    }
    if (font && !font.postscriptName) font = null
  }
  // a long-running host exports many figures: keep the cache small
  if (cache.size >= 64) cache.clear()
  cache.set(key, font)
  return font
}

/** The PostScript name (name table, nameID 6) of face `index` of a TrueType/OpenType collection, or null. */
export function collectionPostscriptName(bytes: Uint8Array, index = 0): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (o: number): string => String.fromCharCode(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3])
  try {
    if (tag(0) !== 'ttcf') return null
    const numFonts = view.getUint32(8)
    if (index >= numFonts) return null
    const dir = view.getUint32(12 + 4 * index)
    const numTables = view.getUint16(dir + 4)
    let nameOffset = -1
    for (let i = 0; i < numTables; i++) {
      const rec = dir + 12 + 16 * i
      if (tag(rec) === 'name') nameOffset = view.getUint32(rec + 8)
    }
    if (nameOffset < 0) return null
    const count = view.getUint16(nameOffset + 2)
    const strings = nameOffset + view.getUint16(nameOffset + 4)
    let mac: string | null = null
    for (let i = 0; i < count; i++) {
      const r = nameOffset + 6 + 12 * i
      const platform = view.getUint16(r)
      const nameId = view.getUint16(r + 6)
      if (nameId !== 6) continue
      const length = view.getUint16(r + 8)
      const start = strings + view.getUint16(r + 10)
      if (platform === 3 || platform === 0) {
        let s = ''
        for (let k = 0; k + 1 < length; k += 2) s += String.fromCharCode(view.getUint16(start + k))
        if (s) return s
      } else if (platform === 1 && mac === null) {
        mac = String.fromCharCode(...bytes.subarray(start, start + length))
      }
    }
    return mac
  } catch {
    // a truncated or malformed file: no name
    return null
  }
}
