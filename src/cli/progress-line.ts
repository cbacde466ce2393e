/** A one-line progress bar on stderr for a terminal. */
import type { CliIo } from './command'

export function progressLine(io: CliIo, label: string): { update: (fraction: number, message?: string) => void; done: () => void } {
  let last = -1
  return {
    update: (fraction, message) => {
      const pct = Math.floor(fraction * 100)
      if (pct === last) return
      last = pct
      const width = 30
      const filled = Math.round((pct / 100) * width)
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${message ?? ''}`.slice(0, 120))
    },
    done: () => {
      if (last >= 0) io.stderr('\r\x1b[K')
    },
  }
}
