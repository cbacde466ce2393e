/** The shipped demo model, tokenizer, datastores and held-out texts in resources/demo-model. */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LabError } from '../../shared/errors'
import { findResourcesDir } from '../lab/resources-dir'
import type { DemoManifest } from './demo-manifest'

export type DemoSettingName = 'in-domain' | 'adaptation'

export interface DemoPaths {
  dir: string
  manifest: DemoManifest
  modelDir: string
  settings: Record<DemoSettingName, { datastoreDir: string; heldOutFile: string; description: string }>
}

export function demoDir(): string {
  return process.env.SCALING_LAB_DEMO_MODEL ?? join(findResourcesDir(), 'demo-model')
}

export function loadDemo(dir = demoDir()): DemoPaths {
  const file = join(dir, 'manifest.json')
  if (!existsSync(file)) {
    throw new LabError('demo-missing', `The demo model is not in ${dir} (manifest.json is missing).`, { file, hint: 'Run npm run train:demo to build it.' })
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as DemoManifest
  const setting = (name: DemoSettingName): DemoPaths['settings'][DemoSettingName] => ({
    datastoreDir: join(dir, manifest.settings[name].datastore),
    heldOutFile: join(dir, manifest.settings[name].heldOut),
    description: manifest.settings[name].description,
  })
  return { dir, manifest, modelDir: join(dir, 'model'), settings: { 'in-domain': setting('in-domain'), adaptation: setting('adaptation') } }
}

export function readDemoHeldOut(setting: DemoSettingName, dir = demoDir()): string {
  return readFileSync(loadDemo(dir).settings[setting].heldOutFile, 'utf8')
}
