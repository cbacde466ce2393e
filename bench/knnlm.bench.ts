/**
 * kNN-LM benchmarks: exact top-k search throughput (reference: FAISS IndexFlatL2 on the same keys and queries when
 * python3 has faiss; otherwise the target is printed), HNSW (usearch) recall@k and its speed-up over exact search
 * (target: recall >= 0.95 at >= 10x), datastore build and kNN-LM evaluation throughput in tokens per second.
 * Run: node --import tsx bench/knnlm.bench.ts
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exactSearch } from '../src/core/knnlm/exact-search'
import { exactSearchTf } from '../src/core/knnlm/exact-search-tf'
import { HnswIndex } from '../src/core/knnlm/hnsw-index'
import { writeNpy } from '../src/core/knnlm/npy'
import { buildDatastore, loadDatastore } from '../src/core/knnlm/datastore'
import { evaluateKnnLm, clearKnnLmCache } from '../src/core/knnlm/api'
import { loadDemo, readDemoHeldOut } from '../src/core/knnlm/demo'
import { seededRandom } from '../src/core/random'

const line = (s: string): void => console.log(s)

/** Clustered synthetic keys (like LM hidden states, which are far from isotropic), seeded. */
function clustered(rows: number, dims: number, seed: number): Float32Array {
  const r = seededRandom(seed)
  const centres = Array.from({ length: 256 }, () => Float32Array.from({ length: dims }, () => 3 * r.normal()))
  const out = new Float32Array(rows * dims)
  for (let i = 0; i < rows; i++) {
    const c = centres[r.int(centres.length)]!
    for (let j = 0; j < dims; j++) out[i * dims + j] = c[j]! + r.normal()
  }
  return out
}

function faissFlatSeconds(keys: Float32Array, queries: Float32Array, dims: number, k: number): number | undefined {
  try {
    execFileSync('python3', ['-c', 'import faiss'], { stdio: 'ignore' })
  } catch {
    return undefined
  }
  const dir = mkdtempSync(join(tmpdir(), 'knnlm-faiss-'))
  try {
    writeNpy(join(dir, 'k.npy'), { dtype: 'float32', shape: [keys.length / dims, dims], data: keys })
    writeNpy(join(dir, 'q.npy'), { dtype: 'float32', shape: [queries.length / dims, dims], data: queries })
    const script = `import faiss, numpy as np, time\nk=np.load('${dir}/k.npy'); q=np.load('${dir}/q.npy')\nix=faiss.IndexFlatL2(k.shape[1]); ix.add(k)\nt=time.perf_counter(); ix.search(q, ${k}); print(time.perf_counter()-t)`
    return Number(execFileSync('python3', ['-c', script]).toString().trim())
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const dims = 64
  const n = 50_000
  const m = 500
  const k = 10
  // keys and queries from the same clusters (queries are held-out points, as evaluation contexts are)
  const all = clustered(n + m, dims, 1)
  const keys = all.subarray(0, n * dims)
  const queries = all.slice(n * dims)
  line(`# exact top-${k} search: ${n} keys x ${dims} dims, ${m} queries`)
  let t = performance.now()
  const exactJs = exactSearch(keys, queries.subarray(0, 100 * dims), dims, k)
  const jsQps = 100 / ((performance.now() - t) / 1000)
  t = performance.now()
  const exact = await exactSearchTf(keys, queries, dims, k)
  const tfSeconds = (performance.now() - t) / 1000
  const tfQps = m / tfSeconds
  void exactJs
  line(`exact (scalar JS):        ${jsQps.toFixed(0)} queries/s`)
  line(`exact (wasm matMul+heap): ${tfQps.toFixed(0)} queries/s (${((2 * n * dims * m) / tfSeconds / 1e9).toFixed(2)} GFLOP/s)`)
  const faiss = faissFlatSeconds(keys, queries, dims, k)
  if (faiss !== undefined) line(`reference FAISS IndexFlatL2: ${(m / faiss).toFixed(0)} queries/s; ratio ours/FAISS time = ${(tfSeconds / faiss).toFixed(2)} (target <= 2)`)
  else line('reference FAISS IndexFlatL2: python3 has no faiss here; target: within 2x of its time on the same keys and queries')

  line(`\n# HNSW (usearch, M=16, ef_construction=128) vs exact`)
  t = performance.now()
  const index = HnswIndex.build(keys, dims, { expansionSearch: 64 })
  line(`build: ${((performance.now() - t) / 1000).toFixed(1)} s (${(n / ((performance.now() - t) / 1000)).toFixed(0)} keys/s), ~${(index.memoryBytes / 1e6).toFixed(1)} MB`)
  for (const candidates of [10, 20, 40]) {
    t = performance.now()
    const approx = index.search(keys, queries, k, { candidates })
    const s = (performance.now() - t) / 1000
    let hit = 0
    for (let q = 0; q < m; q++) {
      const truth = new Set(Array.from(exact.indices.subarray(q * k, (q + 1) * k)))
      for (const i of approx.indices.subarray(q * k, (q + 1) * k)) if (truth.has(i)) hit++
    }
    const recall = hit / (m * k)
    const speedup = m / s / tfQps
    line(`candidates ${candidates}: recall@${k} = ${recall.toFixed(3)}, ${(m / s).toFixed(0)} queries/s = ${speedup.toFixed(1)}x exact (target: recall >= 0.95 at >= 10x) ${recall >= 0.95 && speedup >= 10 ? 'MET' : 'not met'}`)
  }

  let demo
  try {
    demo = loadDemo()
  } catch {
    line('\n(no demo model: run npm run train:demo for the datastore and evaluation benchmarks)')
    return
  }
  line('\n# datastore build (demo model, held-out adaptation text)')
  const text = readDemoHeldOut('adaptation')
  const out = mkdtempSync(join(tmpdir(), 'knnlm-bench-'))
  const b = await buildDatastore({ modelDir: demo.modelDir, texts: [text], outDir: out })
  line(`datastore build: ${b.count} tokens in ${b.seconds.toFixed(2)} s = ${b.tokensPerSecond.toFixed(0)} tokens/s`)
  rmSync(out, { recursive: true, force: true })
  line('\n# kNN-LM evaluation (demo, adaptation setting, k = 1024, exact search)')
  const ds = loadDatastore(demo.settings.adaptation.datastoreDir)
  clearKnnLmCache()
  t = performance.now()
  const ev = await evaluateKnnLm({ setting: 'adaptation' })
  const s = (performance.now() - t) / 1000
  line(`evaluation: ${ev.tokens} tokens against ${ds.meta.count} keys in ${s.toFixed(2)} s = ${(ev.tokens / s).toFixed(0)} tokens/s (ppl ${ev.ppl_lm.toFixed(1)} -> ${ev.ppl_knnlm.toFixed(1)})`)
}

await main()
