/**
 * kNN-LM benchmarks: exact top-k search throughput (reference: FAISS IndexFlatL2 on the same keys and queries when
 * python3 has faiss; otherwise the target is printed), HNSW (usearch) recall@k and its speed-up over exact search
 * (target: recall >= 0.95 at >= 10x), datastore build and kNN-LM evaluation throughput in tokens per second.
 * Run: node --import tsx bench/knnlm.bench.ts [--hnsw-only | --real-keys-only | --datastore-only]
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { exactSearch } from '../src/core/knnlm/exact-search'
import { exactSearchTf } from '../src/core/knnlm/exact-search-tf'
import { exactSearchNative } from '../src/core/knnlm/exact-search-native'
import { knnKernelStatus } from '../src/core/knnlm/knn-kernel'
import { HnswIndex } from '../src/core/knnlm/hnsw-index'
import { writeNpy } from '../src/core/knnlm/npy'
import { buildDatastore, loadDatastore } from '../src/core/knnlm/datastore'
import { evaluateKnnLm, clearKnnLmCache } from '../src/core/knnlm/api'
import { loadDemo } from '../src/core/knnlm/demo'
import { LoadedModel } from '../src/core/knnlm/loaded-model'
import { encodeDocuments } from '../src/core/knnlm/train-language-model'
import { seededRandom } from '../src/core/random'
import { loadBrown, loadMobyDick } from '../src/core/corpus/sources'

const line = (s: string): void => console.log(s)
const benchOutput = join(dirname(fileURLToPath(import.meta.url)), 'output')
mkdirSync(benchOutput, { recursive: true })

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

interface Shape {
  n: number
  dims: number
  queries: number
  k: number
  why: string
}

/** A python3 that imports faiss: SCALING_LAB_PYTHON, else python3 on PATH, else Debian's /usr/bin/python3. */
function faissPython(): string | undefined {
  for (const py of [process.env.SCALING_LAB_PYTHON, 'python3', '/usr/bin/python3']) {
    if (!py) continue
    try {
      execFileSync(py, ['-c', 'import faiss'], { stdio: 'ignore' })
      return py
    } catch {
      // try the next one
    }
  }
  return undefined
}

/**
 * FAISS IndexFlatL2 on the same keys and queries: best of 3 runs, at 1 OpenMP thread and at the machine's
 * default (FAISS's BLAS path can be slower with more threads when its BLAS has threads of its own); also which
 * BLAS library FAISS loaded, since its flat search is a BLAS sgemm plus heaps.
 */
function faissFlat(py: string, dir: string, shapes: readonly Shape[]): { seconds: number[]; blas: string; version: string } {
  const script = `
import faiss, numpy as np, time, json
out = []
for i, k in enumerate(${JSON.stringify(shapes.map((s) => s.k))}):
    x = np.load('${dir}/k%d.npy' % i); q = np.load('${dir}/q%d.npy' % i)
    ix = faiss.IndexFlatL2(x.shape[1]); ix.add(x)
    best = 1e9
    for threads in sorted({1, faiss.omp_get_max_threads()}):
        faiss.omp_set_num_threads(threads)
        for r in range(3):
            t = time.perf_counter(); ix.search(q, k); best = min(best, time.perf_counter() - t)
    out.append(best)
blas = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower() and l.split()[-1].startswith('/')})
print(json.dumps({'seconds': out, 'blas': ', '.join(blas) or 'unknown', 'version': faiss.__version__}))
`
  return JSON.parse(execFileSync(py, ['-c', script]).toString()) as { seconds: number[]; blas: string; version: string }
}

async function bestOf3(run: () => Promise<unknown>): Promise<number> {
  let best = Infinity
  for (let r = 0; r < 3; r++) {
    const t = performance.now()
    await run()
    best = Math.min(best, (performance.now() - t) / 1000)
  }
  return best
}

/**
 * Exact search, then HNSW at several ef_search on the same queries: recall@k against the exact neighbours and the
 * throughput ratio. The index is built once and cached in `file`.
 */
async function compareHnswWithExact(keys: Float32Array, queries: Float32Array, dims: number, k: number, file: string, efs: readonly number[], label: string): Promise<void> {
  const m = queries.length / dims
  const n = keys.length / dims
  let t = performance.now()
  const exact = await exactSearchNative(keys, queries, dims, k)
  const exactQps = m / ((performance.now() - t) / 1000)
  if (!existsSync(file)) {
    t = performance.now()
    const built = HnswIndex.build(keys, dims)
    const s = (performance.now() - t) / 1000
    line(`${label}: built the index in ${s.toFixed(0)} s (${(n / s).toFixed(0)} keys/s), ~${(built.memoryBytes / 1e6).toFixed(0)} MB; cached in ${file}`)
    built.save(file)
  }
  line(`${label}: exact ${exactQps.toFixed(0)} queries/s`)
  for (const ef of efs) {
    const index = HnswIndex.load(file, dims, { expansionSearch: ef })
    t = performance.now()
    const approx = index.search(keys, queries, k, { candidates: k })
    const qps = m / ((performance.now() - t) / 1000)
    let hit = 0
    for (let q = 0; q < m; q++) {
      const truth = new Set(Array.from(exact.indices.subarray(q * k, (q + 1) * k)))
      for (const i of approx.indices.subarray(q * k, (q + 1) * k)) if (truth.has(i)) hit++
    }
    const recall = hit / (m * k)
    const speedup = qps / exactQps
    line(`  ef_search ${ef}: recall@${k} = ${recall.toFixed(3)}, ${qps.toFixed(0)} queries/s = ${speedup.toFixed(1)}x exact ${recall >= 0.95 && speedup >= 10 ? 'MET' : 'not met'}`)
  }
}

/**
 * HNSW (usearch) against the exact search at growing store sizes: the graph's cost grows like log n, the exact
 * search's like n, so the speed-up depends on the store; recall@k is against the exact neighbours. Built indexes
 * are cached in bench/output (a 1M-key build takes minutes on 2 cores).
 */
async function hnswAgainstExact(): Promise<void> {
  const dims = 64
  const m = 1000
  const k = 10
  line(`\n# HNSW (usearch, M = 16, ef_construction = 128, ${Math.min(8, availableParallelism())} threads) against the exact search, ${dims}-dim clustered keys, ${m} queries, k = ${k}`)
  line('target: recall@k >= 0.95 at >= 10x the exact search\'s throughput')
  for (const n of [200_000, 1_000_000]) {
    const all = clustered(n + m, dims, 7)
    const keys = all.subarray(0, n * dims)
    const queries = all.slice(n * dims)
    await compareHnswWithExact(keys, queries, dims, k, join(benchOutput, `hnsw-${n}x${dims}-seed7.usearch`), [16, 32, 64], `${n} keys`)
  }
}

/**
 * HNSW on real kNN-LM keys: the demo model's keys (input of the last feed-forward block) for every token of the
 * Brown corpus (the first million of its 1.9M), queried with contexts from Moby-Dick (text the store has not seen, as an
 * evaluation text is). Hidden states are far from isotropic, so graph search does better here than on the
 * synthetic clusters above. The datastore and its index are cached in bench/output.
 */
async function hnswOnDemoKeys(): Promise<void> {
  const demo = loadDemo()
  const m = 1000
  const k = 10
  const dsDir = join(benchOutput, `brown-keys-${demo.manifest.modelId}`)
  if (!existsSync(join(dsDir, 'datastore.json'))) {
    const docs = loadBrown()
    const b = await buildDatastore({ modelDir: demo.modelDir, texts: docs.map((d) => d.text), outDir: dsDir, dtype: 'float32', hnsw: false })
    line(`built the Brown datastore: ${b.count} keys in ${b.seconds.toFixed(0)} s = ${b.tokensPerSecond.toFixed(0)} tokens/s`)
  }
  const ds = loadDatastore(dsDir, { loadIndex: false })
  const dims = ds.meta.dims
  // the first million tokens (the whole corpus is about 1.9M; its index would take twice as long to build)
  const n = Math.min(ds.meta.count, 1_000_000)
  const keys = ds.keys.subarray(0, n * dims)
  const qDir = mkdtempSync(join(tmpdir(), 'knnlm-queries-'))
  const chapters = loadMobyDick().slice(1, 4).map((d) => d.text)
  const q = await buildDatastore({ modelDir: demo.modelDir, texts: chapters, outDir: qDir, dtype: 'float32', hnsw: false })
  rmSync(qDir, { recursive: true, force: true })
  const queries = q.datastore.keys.slice(0, m * dims)
  line(`\n# HNSW on real keys: the demo model's ${dims}-dim keys for ${n} Brown tokens, ${m} Moby-Dick contexts as queries, k = ${k}`)
  await compareHnswWithExact(keys, queries, dims, k, join(benchOutput, `hnsw-brown-${n}.usearch`), [16, 32, 64, 128], `${n} Brown keys`)
}

async function main(): Promise<void> {
  const k = 10
  line(`# exact top-k search (reference: FAISS IndexFlatL2 on the same keys and queries; target: our time <= 2x FAISS's)`)
  line(`kernel: ${knnKernelStatus()}, ${Math.min(8, availableParallelism())} threads`)
  const shapes: Shape[] = [
    { n: 50_000, dims: 64, queries: 500, k: 10, why: 'the demo model\'s key size' },
    { n: 50_000, dims: 64, queries: 500, k: 1024, why: 'k = 1024 as in Khandelwal et al.' },
    { n: 50_000, dims: 256, queries: 500, k: 10, why: 'a mid-sized model' },
    { n: 20_000, dims: 1024, queries: 256, k: 10, why: 'Khandelwal et al.\'s 1024-dim keys' },
  ]
  const data = shapes.map((s, i) => {
    // keys and queries from the same clusters (queries are held-out points, as evaluation contexts are)
    const all = clustered(s.n + s.queries, s.dims, 1 + i)
    return { keys: all.subarray(0, s.n * s.dims), queries: all.slice(s.n * s.dims) }
  })
  const ours: number[] = []
  for (const [i, s] of shapes.entries()) {
    const { keys, queries } = data[i]!
    ours.push(await bestOf3(() => exactSearchNative(keys, queries, s.dims, s.k)))
  }
  // the fallback paths, once, on the first shape
  const s0 = shapes[0]!
  const d0 = data[0]!
  let t = performance.now()
  await exactSearchTf(d0.keys, d0.queries, s0.dims, s0.k)
  const tfSeconds = (performance.now() - t) / 1000
  t = performance.now()
  exactSearch(d0.keys, d0.queries.subarray(0, 100 * s0.dims), s0.dims, s0.k)
  const jsSeconds = ((performance.now() - t) / 1000) * (s0.queries / 100)
  const py = faissPython()
  let faiss: { seconds: number[]; blas: string; version: string } | undefined
  if (py) {
    const dir = mkdtempSync(join(tmpdir(), 'knnlm-faiss-'))
    try {
      shapes.forEach((s, i) => {
        writeNpy(join(dir, `k${i}.npy`), { dtype: 'float32', shape: [s.n, s.dims], data: data[i]!.keys })
        writeNpy(join(dir, `q${i}.npy`), { dtype: 'float32', shape: [s.queries, s.dims], data: data[i]!.queries })
      })
      faiss = faissFlat(py, dir, shapes)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    line(`FAISS ${faiss.version} (${py}), BLAS: ${faiss.blas}`)
  } else {
    line('FAISS: no python3 here imports faiss (Debian: apt-get install python3-faiss libopenblas0-pthread; or set SCALING_LAB_PYTHON); the target is printed instead of a ratio')
  }
  const gflops = (s: Shape, sec: number): string => `${((2 * s.n * s.dims * s.queries) / sec / 1e9).toFixed(1)} GFLOP/s`
  for (const [i, s] of shapes.entries()) {
    const head = `${s.n} keys x ${s.dims} dims, ${s.queries} queries, k = ${s.k} (${s.why}): ours ${(ours[i]! * 1000).toFixed(0)} ms = ${gflops(s, ours[i]!)}`
    const f = faiss?.seconds[i]
    if (f === undefined) line(`${head}; target: within 2x of FAISS's time`)
    else line(`${head}; FAISS ${(f * 1000).toFixed(0)} ms = ${gflops(s, f)}; ratio ours/FAISS = ${(ours[i]! / f).toFixed(2)} (target <= 2) ${ours[i]! / f <= 2 ? 'MET' : 'not met'}`)
  }
  line(`fallbacks on the first shape: WebAssembly matrix product ${(tfSeconds * 1000).toFixed(0)} ms (${gflops(s0, tfSeconds)}), scalar JavaScript ~${(jsSeconds * 1000).toFixed(0)} ms (${gflops(s0, jsSeconds)})`)

  await hnswAgainstExact()
  await hnswOnDemoKeys()

  let demo
  try {
    demo = loadDemo()
  } catch {
    line('\n(no demo model: run npm run train:demo for the datastore and evaluation benchmarks)')
    return
  }
  await datastoreBuild(demo.modelDir)
  line('\n# kNN-LM evaluation (demo, adaptation setting, k = 1024, exact search)')
  const ds = loadDatastore(demo.settings.adaptation.datastoreDir)
  clearKnnLmCache()
  // first call: TensorFlow.js start-up, model and datastore loads included; second: both already loaded
  for (const label of ['first call', 'loaded']) {
    t = performance.now()
    const ev = await evaluateKnnLm({ setting: 'adaptation' })
    const s = (performance.now() - t) / 1000
    line(`evaluation (${label}): ${ev.tokens} tokens against ${ds.meta.count} keys in ${s.toFixed(2)} s = ${(ev.tokens / s).toFixed(0)} tokens/s (ppl ${ev.ppl_lm.toFixed(1)} -> ${ev.ppl_knnlm.toFixed(1)})`)
  }
}

/**
 * Datastore build throughput on the Brown news genre (about 180k tokens) with the demo model. Reference: the full
 * forward pass over the stream (scoreStream: keys, output layer and log-softmax), which is what a build ran before
 * it stopped at the keys; then the build (keys only) in one thread and in one worker thread per core.
 */
async function datastoreBuild(modelDir: string): Promise<void> {
  const texts = loadBrown()
    .filter((d) => d.id.startsWith('brown:ca'))
    .map((d) => d.text)
  const threads = Math.min(4, availableParallelism())
  line(`\n# datastore build (demo model, Brown news: ${texts.length} documents)`)
  const model = await LoadedModel.load(modelDir)
  const tokens = encodeDocuments(model.tokenizer, texts)
  let t = performance.now()
  await model.scoreStream(tokens)
  const full = (tokens.length - 1) / ((performance.now() - t) / 1000)
  model.dispose()
  line(`reference, full forward pass (keys + output layer + log-softmax), 1 thread: ${full.toFixed(0)} tokens/s`)
  for (const n of [1, threads]) {
    const out = mkdtempSync(join(tmpdir(), 'knnlm-bench-'))
    t = performance.now()
    const b = await buildDatastore({ modelDir, texts, outDir: out, scoringThreads: n })
    const s = (performance.now() - t) / 1000
    line(`datastore build, keys only, ${n} thread(s): ${b.count} keys in ${s.toFixed(1)} s = ${(b.count / s).toFixed(0)} tokens/s (${(b.count / s / full).toFixed(2)}x the reference)`)
    rmSync(out, { recursive: true, force: true })
  }
}

if (process.argv.includes('--hnsw-only')) {
  await hnswAgainstExact()
  await hnswOnDemoKeys()
} else if (process.argv.includes('--real-keys-only')) await hnswOnDemoKeys()
else if (process.argv.includes('--datastore-only')) await datastoreBuild(loadDemo().modelDir)
else await main()
