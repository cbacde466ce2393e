/**
 * Colours that survive print and colour blindness: the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal
 * Design"; Wong 2011, Nature Methods 8:441). Ordered so the first colours stay apart in greyscale; yellow,
 * which vanishes on white, comes last. Black becomes light grey on the dark theme.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const

export const PALETTE_LIGHT = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.black, OKABE_ITO.yellow]
export const PALETTE_DARK = [OKABE_ITO.skyBlue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.yellow, '#BBBBBB', OKABE_ITO.blue]

/** The i-th series colour, cycling. */
export function paletteColor(i: number, dark = false): string {
  const p = dark ? PALETTE_DARK : PALETTE_LIGHT
  return p[((i % p.length) + p.length) % p.length]
}

/** `#RRGGBB` with an alpha, as rgba(): used for faint raw curves and bands. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) return hex
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`
}
