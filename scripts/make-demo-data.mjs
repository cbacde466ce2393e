#!/usr/bin/env node
// Builds resources/demo/ from ../shared/data: the Pythia files (Apache-2.0) as the app's demo project.
// The zero-shot file marks deduped models with a 0/1 column; the demo turns it into a family column
// (Pythia / Pythia-deduped), which the catalog keeps on the run. No value is changed.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const shared = process.argv[2] ?? join(root, '..', 'shared', 'data')
const out = join(root, 'resources', 'demo')

const lines = readFileSync(join(shared, 'pythia', 'pythia_v1_lambada_piqa_zeroshot.csv'), 'utf8').trim().split(/\r?\n/)
const header = lines[0].split(',')
if (header.join(',') !== 'model,deduped,params,step,tokens,task,accuracy,stderr') throw new Error(`unexpected header ${lines[0]}`)
const rows = lines.slice(1).map((line) => {
  const [model, deduped, ...rest] = line.split(',')
  const isDeduped = deduped === '1'
  const name = isDeduped && !model.endsWith('-deduped') ? `${model}-deduped` : model
  return [name, isDeduped ? 'Pythia-deduped' : 'Pythia', ...rest].join(',')
})
writeFileSync(join(out, 'pythia_v1_lambada_piqa_zeroshot.csv'), ['model,family,params,step,tokens,task,accuracy,stderr', ...rows].join('\n') + '\n')
copyFileSync(join(shared, 'emergence', 'pythia_arithmetic_by_size.csv'), join(out, 'pythia_arithmetic_by_size.csv'))
console.log(`wrote ${rows.length} zero-shot rows and the arithmetic file to ${out}`)
