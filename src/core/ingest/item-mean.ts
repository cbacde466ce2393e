/**
 * The mean of a group's item scores, streamed (Welford's running mean and sum of squares), with its
 * standard error:
 *   every score 0 or 1 (a proportion p of n items): binomial  SE = sqrt(p (1 - p) / n)
 *   otherwise:                                      SE of the mean  s / sqrt(n),  s the sample sd (n - 1)
 * as lm-evaluation-harness reports for accuracies and for mean scores (Gao et al. 2021, "A framework for
 * few-shot language model evaluation"). One item gives no standard error.
 */

/** Binomial standard error of a proportion p measured on n items: sqrt(p (1 - p) / n). */
export function binomialStderr(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n)
}

export interface ItemMeanResult {
  value: number
  n: number
  stderr: number | null
}

export class ItemMean {
  count = 0
  private mean = 0
  private m2 = 0
  private binary = true

  add(score: number): void {
    this.count++
    const d = score - this.mean
    this.mean += d / this.count
    this.m2 += d * (score - this.mean)
    if (score !== 0 && score !== 1) this.binary = false
  }

  /** whether every score was 0 or 1 */
  get isBinary(): boolean {
    return this.binary
  }

  result(): ItemMeanResult {
    const n = this.count
    const value = this.mean
    if (n < 2) return { value, n, stderr: null }
    const stderr = this.binary ? binomialStderr(value, n) : Math.sqrt(Math.max(0, this.m2) / (n - 1) / n)
    return { value, n, stderr }
  }
}
