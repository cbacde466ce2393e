#!/usr/bin/env node
// Security scan of the Electron shell with @doyensec/electronegativity. The tool exits 0 even when it finds
// something, so this script reads its report and fails on every finding not justified in
// scripts/security-justified.json (check + file + the reason it is acceptable).
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const justified = JSON.parse(readFileSync(join(root, 'scripts', 'security-justified.json'), 'utf8'))
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
const bin = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')

// main and preload are scanned together (the global checks look at the whole shell at once)
const scanDir = mkdtempSync(join(tmpdir(), 'eneg-src-'))
for (const dir of ['main', 'preload']) cpSync(join(root, 'src', dir), join(scanDir, dir), { recursive: true })
const out = join(scanDir, 'report.csv')
const r = spawnSync(process.execPath, [bin, '-i', scanDir, '-r', '-o', out, '-e', electronVersion], { cwd: scanDir, encoding: 'utf8' })
if (r.status !== 0) {
  console.error(r.stdout, r.stderr)
  process.exit(1)
}
const findings = csvRows(readFileSync(out, 'utf8'))
  .slice(1)
  .filter((cells) => cells.length > 1)
  .map(([check, severity, confidence, file, location]) => ({ check, severity, confidence, file, location }))
rmSync(scanDir, { recursive: true, force: true })
const unjustified = findings.filter((f) => !justified.some((j) => j.check === f.check && f.file.endsWith(j.file)))
for (const f of findings) console.log(`${unjustified.includes(f) ? 'FAIL' : 'ok  '} ${f.check} ${f.severity}/${f.confidence} ${f.file}:${f.location}`)
if (unjustified.length) {
  console.error(`\n${unjustified.length} security finding(s) without a justification in scripts/security-justified.json`)
  process.exit(1)
}
console.log(`security scan: ${findings.length} finding(s), all justified`)

/**
 * RFC 4180 rows: a quoted field may hold commas, doubled quotes and line breaks (electronegativity quotes the code
 * snippet it found, which can span lines; splitting the report by lines misread such a row as a new finding).
 */
function csvRows(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length) rows.push([...row, field])
  return rows
}
