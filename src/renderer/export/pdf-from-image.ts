/**
 * A one-page PDF (ISO 32000-1) holding one JPEG image scaled to the page: objects catalog, pages, page,
 * image XObject (/DCTDecode, the JPEG bytes as they are), content stream `q W 0 0 H 0 0 cm /Im0 Do Q`,
 * and a cross-reference table with byte offsets. Used for PDF export until a vector path exists.
 */

export interface JpegInfo {
  width: number
  height: number
  components: number
}

/** Width, height and colour components from a JPEG's start-of-frame marker (SOF0..SOF15 except DHT/JPG/DAC). */
export function readJpegInfo(bytes: Uint8Array): JpegInfo {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG: missing SOI marker')
  let i = 2
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) throw new Error(`JPEG marker expected at byte ${i}`)
    const marker = bytes[i + 1]
    const len = (bytes[i + 2] << 8) | bytes[i + 3]
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isSof) {
      const height = (bytes[i + 5] << 8) | bytes[i + 6]
      const width = (bytes[i + 7] << 8) | bytes[i + 8]
      const components = bytes[i + 9]
      return { width, height, components }
    }
    i += 2 + len
  }
  throw new Error('JPEG has no start-of-frame marker')
}

const enc = new TextEncoder()

export function pdfFromJpeg(jpeg: Uint8Array, pageWidthPt: number, pageHeightPt: number): Uint8Array {
  if (!(pageWidthPt > 0 && pageHeightPt > 0)) throw new Error('page size must be positive')
  const info = readJpegInfo(jpeg)
  const colorSpace = info.components === 1 ? '/DeviceGray' : info.components === 4 ? '/DeviceCMYK' : '/DeviceRGB'
  const w = pageWidthPt.toFixed(2)
  const h = pageHeightPt.toFixed(2)
  const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`
  const parts: Uint8Array[] = []
  const offsets: number[] = []
  let length = 0
  const push = (chunk: Uint8Array | string): void => {
    const b = typeof chunk === 'string' ? enc.encode(chunk) : chunk
    parts.push(b)
    length += b.length
  }
  const obj = (n: number, body: string): void => {
    offsets[n] = length
    push(`${n} 0 obj\n${body}\nendobj\n`)
  }
  push('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n')
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>')
  obj(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`)
  offsets[4] = length
  push(`4 0 obj\n<< /Type /XObject /Subtype /Image /Width ${info.width} /Height ${info.height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`)
  push(jpeg)
  push('\nendstream\nendobj\n')
  obj(5, `<< /Length ${enc.encode(content).length} >>\nstream\n${content}\nendstream`)
  const xref = length
  const rows = ['0000000000 65535 f \n', ...[1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`)]
  push(`xref\n0 6\n${rows.join('')}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  const out = new Uint8Array(length)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
