/**
 * Issue 11: the packaged app's Electron fuses (electron-builder.yml, electronFuses). Read and checked by
 * electron-builder's own configuration loader and schema (the installed 26.x), so a misspelt key or a version
 * without electronFuses fails here, not on the packaging machine.
 */
import { describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'

const ROOT = resolve(__dirname, '..', '..', '..')

describe('electron-builder config', () => {
  it('flips the fuses that turn the app into a general Node.js or load code from outside the checked asar', async () => {
    const config = await getConfig(ROOT, null, null)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
    // onlyLoadAppFromAsar and the integrity check need the app in an asar (electron-builder's default)
    expect(config.asar ?? true).not.toBe(false)
  })

  it('refuses a fuse electron-builder does not know (the schema is really applied)', async () => {
    const config = await getConfig(ROOT, null, null)
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } } as unknown as typeof config
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/)
  })
})
