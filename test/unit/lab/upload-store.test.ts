import { describe, expect, it } from 'vitest'
import { Readable } from 'node:stream'
import { readFileSync, existsSync } from 'node:fs'
import { basename } from 'node:path'
import { UploadStore } from '../../../src/core/lab/upload-store'

describe('UploadStore', () => {
  it('keeps uploads under random ids with safe file names', async () => {
    const store = new UploadStore()
    const up = await store.fromBytes('../../etc/passwd', new TextEncoder().encode('a,b\n1,2\n'))
    expect(up.id).toMatch(/^[a-f0-9]{32}$/)
    expect(basename(up.path)).toBe(`${up.id}-passwd`)
    expect(up.path.startsWith(store.dirPath)).toBe(true)
    expect(readFileSync(store.get(up.id).path, 'utf8')).toBe('a,b\n1,2\n')
    expect(() => store.get('f'.repeat(32))).toThrow(/No uploaded file/)
    store.dispose()
    expect(existsSync(up.path)).toBe(false)
  })

  it('refuses a stream over the size limit', async () => {
    const store = new UploadStore()
    await expect(store.fromStream('big.csv', Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000)).rejects.toThrow(/larger than 1000 B/)
    store.dispose()
  })
})
