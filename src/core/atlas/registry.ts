/**
 * The atlas registry: resources/atlas/atlas.json lists the shipped public data sets (paper, repository, commit,
 * licence, files and the format each is imported as). Pythia's files are the demo's (resources/demo).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ATLAS_NAMES, type AtlasName } from '../../shared/api/atlas'
import { LabError } from '../../shared/errors'
import { readAtlasTable } from './table'

export interface AtlasFile {
  file: string
  format: 'summary' | 'evals'
  /** written by another part of the lab (the ladder's evaluations); imported when present */
  optional?: boolean
}

export interface AtlasEntry {
  name: AtlasName
  title: string
  paper: string
  repository: string
  commit: string
  licence: string
  /** folder under resources/atlas */
  folder: string
  files: AtlasFile[]
  loss: { metric: string; label: string } | null
}

export function readAtlasRegistry(resourcesDir: string): AtlasEntry[] {
  const path = join(resourcesDir, 'atlas', 'atlas.json')
  if (!existsSync(path)) throw new LabError('atlas-missing', `The atlas registry ${path} is missing.`, { hint: 'Reinstall Scaling Lab or set SCALING_LAB_RESOURCES.' })
  const entries = (JSON.parse(readFileSync(path, 'utf8')) as { entries: AtlasEntry[] }).entries
  for (const e of entries) {
    if (!(ATLAS_NAMES as readonly string[]).includes(e.name)) throw new LabError('atlas-bad-data', `The atlas registry lists an unknown entry ${e.name}.`, { file: path })
  }
  return entries
}

export function atlasEntry(resourcesDir: string, name: string): AtlasEntry {
  const entry = readAtlasRegistry(resourcesDir).find((e) => e.name === name)
  if (!entry) throw new LabError('atlas-unknown', `There is no atlas entry "${name}".`, { hint: `Choose one of: ${ATLAS_NAMES.join(', ')}.` })
  return entry
}

export function atlasFolder(resourcesDir: string, entry: AtlasEntry): string {
  return resolve(resourcesDir, 'atlas', entry.folder)
}

/** The entry's files that exist (an optional file may not have been written yet). */
export function atlasFiles(resourcesDir: string, entry: AtlasEntry): { path: string; file: AtlasFile }[] {
  const folder = atlasFolder(resourcesDir, entry)
  return entry.files.map((file) => ({ path: join(folder, file.file), file })).filter((f) => !f.file.optional || existsSync(f.path))
}

/** Distinct run (summary) or model (evals) names across the entry's files. */
export function countAtlasRuns(resourcesDir: string, entry: AtlasEntry): number {
  const names = new Set<string>()
  for (const { path, file } of atlasFiles(resourcesDir, entry)) {
    const column = file.format === 'summary' ? 'name' : 'model'
    for (const row of readAtlasTable(path).rows) names.add(row[column])
  }
  return names.size
}
