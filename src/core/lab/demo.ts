/**
 * The demo project opened on first start: real Pythia evaluation results (Apache-2.0) shipped in
 * resources/demo with a manifest that says where each file came from.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LabContext } from './lab-context'

export interface DemoManifest {
  projectName: string
  description: string
  files: { file: string; format: 'evals' | 'predictions' | 'summary' | 'long'; title: string; licence: string; origin: string }[]
}

export function readDemoManifest(resourcesDir: string): DemoManifest | null {
  const path = join(resourcesDir, 'demo', 'manifest.json')
  if (!existsSync(path)) return null
  return JSON.parse(readFileSync(path, 'utf8')) as DemoManifest
}

export async function seedDemoProject(ctx: LabContext): Promise<void> {
  const manifest = readDemoManifest(ctx.resourcesDir)
  if (!manifest) return
  const source = manifest.files.map((f) => `${f.title} (${f.licence}; ${f.origin})`).join('\n')
  ctx.catalog.ensureProject(manifest.projectName, { description: manifest.description, source })
  const { importFile } = await import('../ingest')
  for (const f of manifest.files) {
    await importFile(ctx.catalog, join(ctx.resourcesDir, 'demo', f.file), { project: manifest.projectName, format: f.format, fileName: f.file })
  }
}
