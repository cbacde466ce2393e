// CSV (RFC 4180), LaTeX booktabs tables, paper sizes (3.25 in and 6.75 in columns at 96 px/in, 72 pt/in),
// export restyling, and the one-image PDF writer (structure per ISO 32000-1 section 7.5).
import { describe, expect, it } from 'vitest'
import { csvField, toCsv } from '../../../src/renderer/export/csv'
import { latexEscape, toLatexTable } from '../../../src/renderer/export/latex'
import { figureSize, pxToPt } from '../../../src/renderer/export/paper-sizes'
import { applyExportStyle } from '../../../src/renderer/export/export-style'
import { pdfFromJpeg, readJpegInfo } from '../../../src/renderer/export/pdf-from-image'
import { fileStem } from '../../../src/renderer/export/download'
import type { LabChartOption } from '../../../src/renderer/charts/option-type'

describe('csv', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField(null)).toBe('')
    expect(csvField(Number.NaN)).toBe('')
    expect(csvField(-1.5)).toBe('-1.5')
  })
  it('defuses spreadsheet formulas in text cells', () => {
    expect(csvField('=cmd()')).toBe("'=cmd()")
  })
  it('defuses a formula behind a leading tab or carriage return, and numbers Number() would read through them (OWASP)', () => {
    expect(csvField('\t=cmd()')).toBe("'\t=cmd()")
    expect(csvField('\r=cmd()')).toBe('"\'\r=cmd()"')
    expect(csvField('\t1')).toBe("'\t1")
    expect(csvField('\r\n2')).toBe('"\'\r\n2"')
    expect(csvField('+1+cmd|calc')).toBe("'+1+cmd|calc")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('-Infinity')).toBe("'-Infinity")
  })
  it('leaves plain decimal numbers written as text alone', () => {
    for (const n of ['-1.5', '+2', '-3e-4', '-.5', '42']) expect(csvField(n)).toBe(n)
  })
  it('writes a table with CRLF line ends', () => {
    expect(toCsv({ columns: ['step', 'loss'], rows: [[1, 2.5], [2, null]] })).toBe('step,loss\r\n1,2.5\r\n2,\r\n')
  })
})

describe('latex', () => {
  it('escapes specials', () => {
    expect(latexEscape('a_b & 50% #1 {x}')).toBe('a\\_b \\& 50\\% \\#1 \\{x\\}')
  })
  it('writes a booktabs table, numbers right-aligned', () => {
    const tex = toLatexTable({ columns: ['param', 'value'], rows: [['alpha', 0.3478], ['E', 1.82]] }, { caption: 'Fit', label: 'tab:fit' })
    expect(tex).toContain('\\begin{tabular}{lr}')
    expect(tex).toContain('\\toprule\nparam & value \\\\\n\\midrule\nalpha & 0.3478 \\\\\nE & 1.82 \\\\\n\\bottomrule')
    expect(tex).toContain('\\caption{Fit}')
    expect(tex).toContain('\\label{tab:fit}')
  })
})

describe('paper sizes', () => {
  it('lays figures out at column width', () => {
    expect(figureSize('single', 0.75, { width: 1000, height: 500 })).toEqual({ width: 312, height: 234 })
    expect(figureSize('double', 0.5, { width: 1000, height: 500 })).toEqual({ width: 648, height: 324 })
    expect(figureSize('screen', 0.5, { width: 1000, height: 500 })).toEqual({ width: 1000, height: 500 })
    expect(pxToPt(312)).toBe(234)
  })
  it('refuses silly aspect ratios', () => {
    expect(() => figureSize('single', 0, { width: 1, height: 1 })).toThrow()
  })
})

describe('applyExportStyle', () => {
  const option: LabChartOption = {
    xAxis: { type: 'log', nameGap: 10 },
    yAxis: [{ type: 'value' }],
    legend: { top: 0 },
    dataZoom: [{ type: 'inside' }, { type: 'slider' }],
    grid: { bottom: 80 },
    series: [
      { id: 'band-lo-0', type: 'line', lineStyle: { opacity: 0 }, data: [] },
      { id: 'raw-0', type: 'line', lineStyle: { width: 1 }, data: [] },
      { id: 'curve-0', type: 'line', lineStyle: { width: 1.8 }, data: [] },
    ],
  }
  it('sets one font size and one line width, drops the zoom slider, keeps bands invisible', () => {
    const o = applyExportStyle(option, { fontSize: 8, lineWidth: 1.5 }) as Record<string, any>
    expect(o.textStyle.fontSize).toBe(8)
    expect(o.xAxis.axisLabel.fontSize).toBe(8)
    expect(o.yAxis[0].nameTextStyle.fontSize).toBe(8)
    expect(o.legend.textStyle.fontSize).toBe(8)
    expect(o.dataZoom).toEqual([{ type: 'inside' }])
    expect(o.series[0].lineStyle).toEqual({ opacity: 0 })
    expect(o.series[1].lineStyle.width).toBeCloseTo(0.9)
    expect(o.series[2].lineStyle.width).toBe(1.5)
    expect(o.animation).toBe(false)
    // the screen option is untouched
    expect((option.series as Record<string, any>[])[2].lineStyle.width).toBe(1.8)
  })
  it('refuses out-of-range sizes', () => {
    expect(() => applyExportStyle(option, { fontSize: 1, lineWidth: 1 })).toThrow(/font size/)
    expect(() => applyExportStyle(option, { fontSize: 8, lineWidth: 0 })).toThrow(/line width/)
  })
})

describe('pdfFromJpeg', () => {
  // The smallest useful JPEG header: SOI, then an SOF0 segment for a 3x2 image with 3 components.
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 0xff, 0xd9])
  it('reads the frame size', () => {
    expect(readJpegInfo(jpeg)).toEqual({ width: 3, height: 2, components: 3 })
    expect(() => readJpegInfo(new Uint8Array([1, 2, 3, 4]))).toThrow(/not a JPEG/)
  })
  it('writes a PDF whose xref offsets point at its objects', () => {
    const pdf = pdfFromJpeg(jpeg, 234, 175.5)
    const text = new TextDecoder('latin1').decode(pdf)
    expect(text.startsWith('%PDF-1.4')).toBe(true)
    expect(text).toContain('/MediaBox [0 0 234.00 175.50]')
    expect(text).toContain('/Width 3 /Height 2 /ColorSpace /DeviceRGB')
    const startxref = Number(/startxref\n(\d+)/.exec(text)![1])
    expect(text.slice(startxref, startxref + 4)).toBe('xref')
    const offsets = text.slice(startxref).split('\n').slice(3, 8).map((l) => Number(l.slice(0, 10)))
    offsets.forEach((off, i) => expect(text.slice(off, off + 8)).toBe(`${i + 1} 0 obj\n`))
  })
})

describe('fileStem', () => {
  it('makes file-name-safe stems', () => {
    expect(fileStem('pythia-1.4b / lambada_openai/acc')).toBe('pythia-1.4b-lambada_openai-acc')
    expect(fileStem('  ')).toBe('figure')
  })
})
