/**
 * Files handed to the lab for import: the renderer uploads bytes (over IPC or HTTP), the store keeps them in a
 * private temporary folder under a random id, so no door ever accepts a file-system path from a page.
 */
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { writeFile } from 'node:fs/promises'
import { LabError } from '../../shared/errors'

export interface Upload {
  id: string
  name: string
  path: string
  size: number
}

export class UploadStore {
  readonly dirPath = mkdtempSync(join(tmpdir(), 'scaling-lab-uploads-'))
  private readonly uploads = new Map<string, Upload>()

  async fromBytes(name: string, bytes: Uint8Array): Promise<Upload> {
    const upload = this.reserve(name)
    await writeFile(upload.path, bytes)
    return this.register(upload)
  }

  async fromStream(name: string, stream: Readable, maxBytes: number): Promise<Upload> {
    const upload = this.reserve(name)
    let seen = 0
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.length
      if (seen > maxBytes) stream.destroy(new LabError('upload-too-large', `${upload.name} is larger than ${maxBytes} bytes`, { hint: 'Import it with the command line: scaling-lab import FILE' }))
    })
    await pipeline(stream, createWriteStream(upload.path))
    return this.register(upload)
  }

  /**
   * A local file named on the command line, read where it is (not copied, never deleted). Only the CLI calls
   * this (lab.context is not reachable from a page); `name` is the path as the user typed it, so messages
   * point at FILE:LINE:COLUMN in their words. A missing file is reported by the import that reads it.
   */
  fromPath(path: string): Upload {
    const id = randomBytes(16).toString('hex')
    let size = 0
    try {
      size = statSync(path).size
    } catch {
      // the import says "Cannot read the file: no such file" with the file's name
    }
    const upload = { id, name: path, path, size }
    this.uploads.set(id, upload)
    return upload
  }

  get(id: string): Upload {
    const upload = this.uploads.get(id)
    if (!upload) throw new LabError('unknown-upload', `No uploaded file with id ${id}.`, { hint: 'Upload the file again.' })
    return upload
  }

  dispose(): void {
    rmSync(this.dirPath, { recursive: true, force: true })
  }

  private reserve(name: string): Upload {
    const safe = basename(name).replace(/[^\w.\- ]+/g, '_').slice(0, 180) || 'upload.csv'
    const id = randomBytes(16).toString('hex')
    return { id, name: safe, path: join(this.dirPath, `${id}-${safe}`), size: 0 }
  }

  private register(upload: Upload): Upload {
    upload.size = statSync(upload.path).size
    this.uploads.set(upload.id, upload)
    return upload
  }
}
