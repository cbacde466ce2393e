/**
 * Only regular files are imported. A FIFO or a terminal would block the first read forever, a device such as
 * /dev/zero never ends, a directory cannot be read as text: each is refused at once, by its name, before
 * anything opens it.
 */
import type { Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { LabError } from '../../shared/errors'

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder'
  if (s.isFIFO()) return 'a named pipe (FIFO)'
  if (s.isCharacterDevice()) return 'a character device'
  if (s.isBlockDevice()) return 'a block device'
  if (s.isSocket()) return 'a socket'
  return 'not a regular file'
}

export async function requireRegularFile(path: string, file: string): Promise<Stats> {
  let s: Stats
  try {
    s = await stat(path)
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    throw new LabError('import-open', `Cannot read the file: ${err.code === 'ENOENT' ? 'no such file' : err.message}.`, { file })
  }
  if (!s.isFile()) {
    throw new LabError('import-not-file', `This is ${kindOf(s)}, not a regular file; only regular files are imported.`, {
      file,
      hint: 'Save the data to a CSV file first and import that file.',
    })
  }
  return s
}
