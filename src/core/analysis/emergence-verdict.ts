/**
 * The emergence verdict from its evidence, as notes that say what each number shows (a negative
 * leave-one-size-out difference is said as "favours the line"), and its reconciliation with the
 * trend-shape classifier on the same series (trend-shape.ts; McKenzie et al. 2023, arXiv 2306.09479):
 *   flat      BIC prefers a constant, or the better of line / logistic changes by less than the margin;
 *   emergent  (Wei et al. 2022, arXiv 2206.07682: near random below a threshold scale, well above it beyond)
 *             (a) BIC favours the logistic over the line by >= 2 ("positive evidence", Kass & Raftery 1995),
 *                 or by > 0 with leave-one-size-out error not favouring the line,
 *             (b) the logistic's 10-90 % rise, 2 ln 9 / k, spans at most maxWidth decades,
 *             (c) at least two sizes lie below the emergence scale (the first clearing of chance + margin:
 *                 the one definition of the onset), all of them under their threshold by construction,
 *             (d) some size above the smallest clears the threshold, and every larger size stays above it,
 *             (e) at least 5 sizes (the logistic has up to 4 parameters);
 *   smooth    otherwise.
 * Then the trend classifier may overrule a kind that would contradict it: inverse there is inverse here
 * (never "emergent" or "flat" on a series that worsens); positive there turns "flat" into "smooth"; flat
 * there turns "smooth" or "emergent" into "flat". Both verdicts are stated in the notes.
 */
import type { EmergenceKind, EmergenceNote, TrendShape } from '../../shared/api/analysis-results'

export interface VerdictInput {
  byBic: 'flat' | 'linear' | 'logistic'
  /** change of the better non-flat fit across the observed sizes, oriented (improvement > 0) */
  fittedGain: number
  margin: number
  /** BIC(line) - BIC(logistic) */
  deltaBic: number
  /** LOO MSE(line) - LOO MSE(logistic); null with fewer than 4 sizes */
  deltaLoo: number | null
  /** 10-90 % width of the logistic rise in decades (Infinity when flat) */
  width: number
  maxWidth: number
  /** sizes below the emergence scale */
  sizesBelow: number
  censored: 'none' | 'below' | 'above'
  /** the crossing's bracket (x of the two sizes), when censored is 'none' */
  bracket: [number, number] | null
  /** emergence scale (x) */
  scale: number | null
  staysAbove: boolean
  n: number
}

export interface Verdict {
  kind: EmergenceKind
  notes: EmergenceNote[]
}

const r3 = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(3)) : v)

/** Plain English for the CLI; the renderer translates the key with the same values. */
function fmtSize(v: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ]
  for (const [f, name] of units) if (v >= f) return `${Number((v / f).toPrecision(3))}${name}`
  return String(r3(v))
}

export function note(key: string, values: Record<string, string | number>, text: string): EmergenceNote {
  return { key, values, text }
}

function bicNote(d: number): EmergenceNote {
  return d >= 0
    ? note('bicLogistic', { delta: r3(d) }, `BIC favours the logistic over the line by ${r3(d)}`)
    : note('bicLine', { delta: r3(-d) }, `BIC favours the line over the logistic by ${r3(-d)}`)
}

function looNote(d: number | null): EmergenceNote {
  if (d === null) return note('looNone', {}, 'leave-one-size-out error not computed (fewer than 4 sizes)')
  return d >= 0
    ? note('looLogistic', { delta: r3(d) }, `leave-one-size-out error favours the logistic by ${r3(d)}`)
    : note('looLine', { delta: r3(-d) }, `leave-one-size-out error favours the line by ${r3(-d)} (a jump between two adjacent sizes cannot be predicted from the others, so this only breaks near-ties in BIC)`)
}

/** The checks (c)-(e) as [passed, note]. */
function checks(v: VerdictInput): [boolean, EmergenceNote][] {
  const bicOk = v.deltaBic >= 2 || (v.deltaBic > 0 && (v.deltaLoo === null || v.deltaLoo >= 0))
  const width = Number.isFinite(v.width) ? r3(v.width) : 'infinite'
  const out: [boolean, EmergenceNote][] = [
    [bicOk, bicNote(v.deltaBic)],
    [bicOk, looNote(v.deltaLoo)],
    [
      v.width <= v.maxWidth,
      v.width <= v.maxWidth
        ? note('widthJump', { width, max: r3(v.maxWidth) }, `the logistic's 10-90 % rise spans ${width} decades (a jump: at most ${r3(v.maxWidth)})`)
        : note('widthGradual', { width, max: r3(v.maxWidth) }, `the logistic's 10-90 % rise spans ${width} decades, more than ${r3(v.maxWidth)}: gradual`),
    ],
  ]
  if (v.censored === 'above') out.push([false, note('noCrossing', {}, 'no size clears chance + margin: no emergence scale')])
  else if (v.censored === 'below') out.push([false, note('belowRange', {}, 'the smallest size already clears chance + margin: nothing near chance below it')])
  else {
    const [lo, hi] = v.bracket as [number, number]
    out.push([true, note('crossing', { lower: lo, upper: hi }, `the score first clears chance + margin between ${fmtSize(lo)} and ${fmtSize(hi)}`)])
    const scale = v.scale as number
    out.push([
      v.sizesBelow >= 2,
      v.sizesBelow >= 2
        ? note('sizesBelow', { count: v.sizesBelow, scale }, `${v.sizesBelow} sizes lie below the emergence scale ${fmtSize(scale)}, all under chance + margin`)
        : note('tooFewBelow', { count: v.sizesBelow, scale }, `only ${v.sizesBelow} size lies below the emergence scale ${fmtSize(scale)} (a jump needs 2 near chance first)`),
    ])
    out.push([
      v.staysAbove,
      v.staysAbove ? note('staysAbove', {}, 'every larger size stays above chance + margin') : note('fallsBack', {}, 'a larger size falls back under chance + margin'),
    ])
  }
  out.push([
    v.n >= 5,
    v.n >= 5 ? note('sizes', { n: v.n }, `${v.n} sizes`) : note('tooFewSizes', { n: v.n }, `only ${v.n} sizes: a jump needs at least 5 (the logistic has up to 4 parameters)`),
  ])
  return out
}

/** The verdict before the trend classifier is consulted. */
export function emergenceVerdict(v: VerdictInput): Verdict {
  if (v.byBic === 'flat') return { kind: 'flat', notes: [note('flatBic', {}, 'BIC prefers a constant: no change across sizes beyond the scatter')] }
  if (v.fittedGain < v.margin) {
    const g = r3(Math.abs(v.fittedGain))
    return {
      kind: 'flat',
      notes: [
        v.fittedGain < 0
          ? note('worsens', { gain: g, margin: r3(v.margin) }, `the best fitted curve worsens by ${g} across the observed sizes: no improvement to call a jump`)
          : note('flatGain', { gain: g, margin: r3(v.margin) }, `the best fitted curve changes by ${g} across the observed sizes, less than the margin ${r3(v.margin)}`),
      ],
    }
  }
  const all = checks(v)
  const failed = all.filter(([ok]) => !ok)
  if (failed.length === 0) return { kind: 'emergent', notes: [note('jump', {}, 'Jump'), ...all.map(([, n]) => n)] }
  // the BIC and LOO notes travel together: both numbers are shown when either criterion failed
  return { kind: 'smooth', notes: [note('noJump', {}, 'No jump'), ...failed.map(([, n]) => n)] }
}

/** Reconcile with the trend-shape classifier; both verdicts end up in the notes. */
export function reconcileWithTrend(verdict: Verdict, trend: { shape: TrendShape; reason: string } | null): Verdict {
  if (!trend) return { ...verdict, notes: [...verdict.notes, note('trendNone', {}, 'trend-shape classifier: not run on this series')] }
  const stated = note('trend', { shape: trend.shape }, `trend-shape classifier on the same series: ${trend.shape} (${trend.reason.replace(/\.$/, '')})`)
  const from = verdict.kind
  let to: EmergenceKind = from
  if (trend.shape === 'inverse') to = 'inverse'
  else if (from === 'flat' && trend.shape === 'positive') to = 'smooth'
  else if ((from === 'smooth' || from === 'emergent') && trend.shape === 'flat') to = 'flat'
  const notes = [...verdict.notes, stated]
  if (to !== from) notes.push(note('trendOverrules', { from, to, shape: trend.shape }, `reported as ${to}, not ${from}: the two verdicts must not contradict`))
  return { kind: to, notes }
}

/** The verdict as one English sentence (evidence.reason). */
export function verdictText(notes: readonly EmergenceNote[]): string {
  const [head, ...rest] = notes
  if (head && (head.key === 'jump' || head.key === 'noJump')) return `${head.text}: ${rest.map((n) => n.text).join('; ')}.`
  const text = notes.map((n) => n.text).join('; ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
