/**
 * NumPy .npy reader and writer (format versions 1.0, 2.0 and 3.0, little-endian, C order), for bringing a real
 * model's datastore keys (float16/float32), values (int32) and per-token log-probabilities into the lab.
 * Format: magic "\x93NUMPY", major, minor, header length (uint16 for v1, uint32 for v2/v3), a Python dict literal
 * {'descr': '<f4', 'fortran_order': False, 'shape': (n, d), } padded with spaces to a multiple of 64, then the data.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { LabError } from '../../shared/errors'
import { float16BitsToFloat32 } from './float16'

export type NpyDtype = 'float16' | 'float32' | 'float64' | 'int32' | 'int64'

export interface NpyArray {
  dtype: NpyDtype
  shape: number[]
  /** float16 data stays as raw bits in a Uint16Array; int64 is narrowed to Int32Array when every value fits */
  data: Float32Array | Float64Array | Int32Array | Uint16Array | BigInt64Array
}

const DESCR: Record<string, { dtype: NpyDtype; bytes: number }> = {
  '<f2': { dtype: 'float16', bytes: 2 },
  '<f4': { dtype: 'float32', bytes: 4 },
  '<f8': { dtype: 'float64', bytes: 8 },
  '<i4': { dtype: 'int32', bytes: 4 },
  '<i8': { dtype: 'int64', bytes: 8 },
}

function bad(file: string, message: string, hint: string): LabError {
  return new LabError('npy-invalid', `${file}: ${message}`, { file, hint })
}

/** Parse .npy bytes; `file` is used in error messages only. */
export function parseNpy(bytes: Uint8Array, file = '<npy>'): NpyArray {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]
  if (bytes.length < 10 || magic.some((m, i) => bytes[i] !== m)) {
    throw bad(file, 'not a NumPy .npy file (missing the \\x93NUMPY magic).', 'Save arrays with numpy.save(path, array).')
  }
  const major = bytes[6]!
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let headerLength: number
  let offset: number
  if (major === 1) {
    headerLength = view.getUint16(8, true)
    offset = 10
  } else if (major === 2 || major === 3) {
    headerLength = view.getUint32(8, true)
    offset = 12
  } else throw bad(file, `unsupported .npy format version ${major}.`, 'Use numpy.save, which writes version 1.0.')
  const header = new TextDecoder('latin1').decode(bytes.subarray(offset, offset + headerLength))
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1]
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1]
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1]
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw bad(file, `cannot read the .npy header "${header.trim()}".`, 'Save arrays with numpy.save(path, array).')
  }
  const kind = DESCR[descr]
  if (!kind) {
    throw bad(file, `dtype ${descr} is not supported (float16, float32, float64, int32, int64, little-endian).`, 'Convert with array.astype("float32") or array.astype("int32") before saving.')
  }
  if (fortran === 'True') throw bad(file, 'the array is in Fortran order.', 'Save numpy.ascontiguousarray(array) instead.')
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => Number(s))
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) throw bad(file, `bad shape (${shapeText}).`, 'Save arrays with numpy.save(path, array).')
  const count = shape.reduce((a, b) => a * b, 1)
  const start = offset + headerLength
  const needed = count * kind.bytes
  if (bytes.length - start < needed) {
    throw bad(file, `the file is truncated: shape (${shape.join(', ')}) needs ${needed} bytes of data, found ${bytes.length - start}.`, 'Write the file again.')
  }
  const raw = new Uint8Array(needed) // a copy: aligned, and detached from the input (a Buffer may share a pool)
  raw.set(bytes.subarray(start, start + needed))
  const buf = raw.buffer
  let data: NpyArray['data']
  switch (kind.dtype) {
    case 'float16':
      data = new Uint16Array(buf, 0, count)
      break
    case 'float32':
      data = new Float32Array(buf, 0, count)
      break
    case 'float64':
      data = new Float64Array(buf, 0, count)
      break
    case 'int32':
      data = new Int32Array(buf, 0, count)
      break
    case 'int64':
      data = new BigInt64Array(buf, 0, count)
      break
  }
  return { dtype: kind.dtype, shape, data }
}

export function readNpy(path: string): NpyArray {
  let bytes: Uint8Array
  try {
    bytes = readFileSync(path)
  } catch {
    throw new LabError('file-not-found', `Cannot read ${path}.`, { file: path, hint: 'Check the path.' })
  }
  return parseNpy(bytes, path)
}

/** Serialise to .npy version 1.0. Uint16Array data is written as float16 bits. */
export function encodeNpy(array: NpyArray): Uint8Array {
  const descr = Object.entries(DESCR).find(([, v]) => v.dtype === array.dtype)![0]
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`
  const unpadded = 10 + header.length + 1
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n'
  const count = array.shape.reduce((a, b) => a * b, 1)
  if (count !== array.data.length) throw new Error(`npy: shape (${array.shape.join(', ')}) does not match ${array.data.length} values`)
  const body = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength)
  const out = new Uint8Array(10 + header.length + body.length)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0)
  new DataView(out.buffer).setUint16(8, header.length, true)
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i)
  out.set(body, 10 + header.length)
  return out
}

export function writeNpy(path: string, array: NpyArray): void {
  writeFileSync(path, encodeNpy(array))
}

/** A 2-D float matrix as Float32Array (float16 and float64 are converted), with a shape check. */
export function npyToMatrix(array: NpyArray, file: string, what: string): { rows: number; cols: number; data: Float32Array } {
  if (array.shape.length !== 2) {
    throw bad(file, `${what} must be a 2-D array (rows, dims); this one has shape (${array.shape.join(', ')}).`, 'Reshape to (count, dims) before saving.')
  }
  if (array.dtype !== 'float16' && array.dtype !== 'float32' && array.dtype !== 'float64') {
    throw bad(file, `${what} must be float16 or float32; this one is ${array.dtype}.`, 'Save with array.astype("float32").')
  }
  const [rows, cols] = array.shape as [number, number]
  return { rows, cols, data: toFloat32(array) }
}

/** A 1-D array as Float32Array or Int32Array, with a shape check. */
export function npyToVector(array: NpyArray, file: string, what: string, kind: 'int' | 'float'): Int32Array | Float32Array {
  const flat = array.shape.length === 1 || (array.shape.length === 2 && array.shape[1] === 1)
  if (!flat) {
    throw bad(file, `${what} must be a 1-D array; this one has shape (${array.shape.join(', ')}).`, 'Flatten with array.reshape(-1) before saving.')
  }
  if (kind === 'int') {
    if (array.dtype === 'int32') return array.data as Int32Array
    if (array.dtype === 'int64') {
      const src = array.data as BigInt64Array
      const out = new Int32Array(src.length)
      for (let i = 0; i < src.length; i++) {
        const v = src[i]!
        if (v < -2147483648n || v > 2147483647n) throw bad(file, `${what}: value ${v} at index ${i} does not fit in int32.`, 'Token ids must fit in int32.')
        out[i] = Number(v)
      }
      return out
    }
    throw bad(file, `${what} must be int32 token ids; this one is ${array.dtype}.`, 'Save with array.astype("int32").')
  }
  if (array.dtype === 'int32' || array.dtype === 'int64') throw bad(file, `${what} must be float; this one is ${array.dtype}.`, 'Save with array.astype("float32").')
  return toFloat32(array)
}

function toFloat32(array: NpyArray): Float32Array {
  if (array.dtype === 'float32') return array.data as Float32Array
  if (array.dtype === 'float64') return Float32Array.from(array.data as Float64Array)
  const bits = array.data as Uint16Array
  const out = new Float32Array(bits.length)
  for (let i = 0; i < bits.length; i++) out[i] = float16BitsToFloat32(bits[i]!)
  return out
}
