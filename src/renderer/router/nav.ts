/** The navigation items in order, with their "g <letter>" shortcuts. A route shows up in the nav through meta.nav. */
export const NAV_ITEMS = [
  { key: 'catalog', keys: 'g c' },
  { key: 'curves', keys: 'g u' },
  { key: 'scaling', keys: 'g s' },
  { key: 'compute', keys: 'g o' },
  { key: 'plan', keys: 'g p' },
  { key: 'emergence', keys: 'g e' },
  { key: 'calibration', keys: 'g a' },
  { key: 'trends', keys: 'g i' },
  { key: 'forecast', keys: 'g f' },
  { key: 'knnlm', keys: 'g k' },
  { key: 'data', keys: 'g d' },
  { key: 'atlas', keys: 'g t' },
] as const

export type NavKey = (typeof NAV_ITEMS)[number]['key']
