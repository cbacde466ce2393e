/** A bounded max-heap keeping the k smallest (distance, index) pairs seen; O(log k) per accepted candidate. */
export class TopKHeap {
  readonly dist: Float32Array
  readonly idx: Int32Array
  size = 0
  constructor(readonly k: number) {
    this.dist = new Float32Array(k)
    this.idx = new Int32Array(k)
  }

  /** the largest kept distance, or Infinity while fewer than k are kept */
  get worst(): number {
    return this.size < this.k ? Infinity : this.dist[0]!
  }

  reset(): void {
    this.size = 0
  }

  push(d: number, i: number): void {
    const { dist, idx } = this
    if (this.size < this.k) {
      let c = this.size++
      while (c > 0) {
        const p = (c - 1) >> 1
        if (dist[p]! >= d) break
        dist[c] = dist[p]!
        idx[c] = idx[p]!
        c = p
      }
      dist[c] = d
      idx[c] = i
      return
    }
    if (d >= dist[0]!) return
    let c = 0
    const n = this.size
    for (;;) {
      const l = 2 * c + 1
      if (l >= n) break
      const r = l + 1
      const m = r < n && dist[r]! > dist[l]! ? r : l
      if (dist[m]! <= d) break
      dist[c] = dist[m]!
      idx[c] = idx[m]!
      c = m
    }
    dist[c] = d
    idx[c] = i
  }

  /** write the kept pairs sorted by distance (ties by index) into out arrays at offset; pads with -1 / Infinity */
  drainSorted(outDist: Float32Array, outIdx: Int32Array, offset: number): void {
    const order = Array.from({ length: this.size }, (_, j) => j).sort((a, b) => this.dist[a]! - this.dist[b]! || this.idx[a]! - this.idx[b]!)
    for (let j = 0; j < this.k; j++) {
      if (j < order.length) {
        outDist[offset + j] = this.dist[order[j]!]!
        outIdx[offset + j] = this.idx[order[j]!]!
      } else {
        outDist[offset + j] = Infinity
        outIdx[offset + j] = -1
      }
    }
    this.size = 0
  }
}
