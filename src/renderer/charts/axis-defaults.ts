/** Default axis scales: scaling charts open in log-log; step curves in log-x, linear y (users switch per axis). */
export type XKind = 'step' | 'tokens' | 'flops'

export function defaultLogAxes(xKind: XKind): { logX: boolean; logY: boolean } {
  return xKind === 'step' ? { logX: true, logY: false } : { logX: true, logY: true }
}
