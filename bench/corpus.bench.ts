/**
 * Corpus pipeline benchmark on the Brown corpus (500 samples, about 1M words):
 * 1. documents and words per second through the full pipeline (strip HTML, Gopher rules, block list,
 *    exact dedup, MinHash near-dedup, 13-gram decontamination against one sample), with the time per stage;
 * 2. MinHash throughput: 5-word shingles signed per second with 128 permutations, against Python's
 *    datasketch (MinHash.update_batch, same shingles, same number of permutations) when python3 has it.
 * Targets when no reference is installed: >= 50 documents/s (about 100k words/s) for the pipeline and
 * >= 200k shingles/s for MinHash-128 on one core of this 2-core machine.
 *
 *   node --import tsx bench/corpus.bench.ts [--repeat 3]
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadBrown } from '../src/core/corpus/sources/index'
import { runPipeline } from '../src/core/corpus/pipeline/run-pipeline'
import { shingleHashes } from '../src/core/corpus/minhash/shingles'
import { createMinHasher } from '../src/core/corpus/minhash/minhash'
import { lshCandidatePairs } from '../src/core/corpus/minhash/lsh'
import { countWords } from '../src/core/corpus/text/words'

const argv = process.argv.slice(2)
const repeatAt = argv.indexOf('--repeat')
const repeat = repeatAt >= 0 ? Math.max(1, Number(argv[repeatAt + 1])) : 3
const PIPELINE_TARGET_DOCS_PER_S = 50
const MINHASH_TARGET_SHINGLES_PER_S = 200_000
const NUM_PERM = 128

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')
const best = <T>(runs: number, fn: () => T): { seconds: number; value: T } => {
  let seconds = Infinity
  let value: T | undefined
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint()
    value = fn()
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - t) / 1e9)
  }
  return { seconds, value: value as T }
}

let t0 = process.hrtime.bigint()
const docs = loadBrown()
const words = docs.reduce((s, d) => s + countWords(d.text), 0)
console.log(`Brown corpus: ${docs.length} documents, ${fmt(words)} words, loaded in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms`)

// 1. the full pipeline
const evalText = docs[docs.length - 1].text
const stageSeconds = new Map<string, number>()
const pipeline = best(repeat, () => {
  let current = ''
  let since = process.hrtime.bigint()
  const report = runPipeline(docs, { decontamination: { evalText } }, {
    onProgress: (_f, stage) => {
      if (stage === undefined || stage === current) return
      const now = process.hrtime.bigint()
      if (current) stageSeconds.set(current, Math.min(stageSeconds.get(current) ?? Infinity, Number(now - since) / 1e9))
      current = stage
      since = now
    },
  })
  return report
})
const docsPerS = docs.length / pipeline.seconds
console.log(`\nfull pipeline (best of ${repeat}): ${pipeline.seconds.toFixed(2)} s = ${fmt(docsPerS)} documents/s, ${fmt(words / pipeline.seconds)} words/s; kept ${pipeline.value.kept.length}`)
for (const [stage, s] of stageSeconds) console.log(`  ${stage.padEnd(14)} ${(s * 1000).toFixed(0).padStart(6)} ms`)
console.log(`  reference: none installed; target >= ${PIPELINE_TARGET_DOCS_PER_S} documents/s -> ratio ${(docsPerS / PIPELINE_TARGET_DOCS_PER_S).toFixed(2)} x target`)

// 2. MinHash throughput
t0 = process.hrtime.bigint()
const shingles = docs.map((d) => shingleHashes(d.text, 5))
const totalShingles = shingles.reduce((s, x) => s + x.length, 0)
console.log(`\nshingling: ${fmt(totalShingles)} distinct 5-word shingles in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms`)
const hasher = createMinHasher(NUM_PERM, 1)
const signing = best(repeat, () => shingles.map((s) => hasher.signature(s)))
const shinglesPerS = totalShingles / signing.seconds
console.log(`MinHash-${NUM_PERM} (best of ${repeat}): ${signing.seconds.toFixed(2)} s = ${fmt(shinglesPerS)} shingles/s (${fmt((shinglesPerS * NUM_PERM) / 1e6)}M hash evaluations/s)`)
const lsh = best(repeat, () => lshCandidatePairs(signing.value, 32, 4))
console.log(`LSH 32 bands x 4 rows over ${docs.length} signatures: ${(lsh.seconds * 1000).toFixed(1)} ms, ${lsh.value.length} candidate pairs`)

// reference: datasketch, if python3 has it
const probe = spawnSync('python3', ['-c', 'import datasketch, numpy; print(datasketch.__version__)'], { encoding: 'utf8' })
if (probe.status === 0) {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-bench-'))
  const file = join(dir, 'shingles.bin')
  const lengths = Uint32Array.from(shingles.map((s) => s.length))
  const flat = new Uint32Array(totalShingles)
  let at = 0
  for (const s of shingles) {
    flat.set(s, at)
    at += s.length
  }
  writeFileSync(file, Buffer.concat([Buffer.from(Uint32Array.of(lengths.length).buffer), Buffer.from(lengths.buffer), Buffer.from(flat.buffer)]))
  const script = `
import sys, time, numpy as np
from datasketch import MinHash
raw = np.fromfile(sys.argv[1], dtype=np.uint32)
n = int(raw[0]); lengths = raw[1:1 + n]; flat = raw[1 + n:]
docs = np.split(flat, np.cumsum(lengths)[:-1])
data = [[x.tobytes() for x in d] for d in docs]
best = float('inf')
for _ in range(${repeat}):
    t = time.perf_counter()
    for d in data:
        m = MinHash(num_perm=${NUM_PERM}, seed=1)
        m.update_batch(d)
    best = min(best, time.perf_counter() - t)
print(best)
`
  const ref = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' })
  const refSeconds = Number(ref.stdout.trim())
  if (ref.status === 0 && refSeconds > 0) {
    const refRate = totalShingles / refSeconds
    console.log(`  reference: datasketch ${probe.stdout.trim()} MinHash(num_perm=${NUM_PERM}).update_batch: ${fmt(refRate)} shingles/s -> ratio ours/datasketch ${(shinglesPerS / refRate).toFixed(2)}`)
  } else console.log(`  reference: datasketch failed (${ref.stderr.trim().split('\n').pop()}); target >= ${fmt(MINHASH_TARGET_SHINGLES_PER_S)} shingles/s -> ratio ${(shinglesPerS / MINHASH_TARGET_SHINGLES_PER_S).toFixed(2)} x target`)
} else {
  console.log(`  reference: python3 datasketch not installed; target >= ${fmt(MINHASH_TARGET_SHINGLES_PER_S)} shingles/s -> ratio ${(shinglesPerS / MINHASH_TARGET_SHINGLES_PER_S).toFixed(2)} x target`)
}
