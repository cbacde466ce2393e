/**
 * Long-lived curves-read workers, one set per catalog file: a chart's lines are read by as many workers as the
 * machine has cores (at most 4), each keeping its read-only connection and prepared statements between requests, so
 * a pan or zoom costs no thread start. The workers are unref'd (they never keep a process alive) and are started
 * again after one fails.
 */
import type { Worker } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import { LabError, type LabErrorInfo } from '../../shared/errors'
import { startWorker } from '../jobs/run-in-worker'
import type { LineOptions, LineTask, LinesResult } from './curve-lines'

export interface PoolRequest {
  id: number
  tasks: LineTask[]
  options: LineOptions
}
export type PoolReply = { id: number; result: LinesResult } | { id: number; error: LabErrorInfo }

interface Slot {
  worker: Worker
  pending: Map<number, { resolve: (r: LinesResult) => void; reject: (e: Error) => void }>
}

const pools = new Map<string, Slot[]>()
let nextId = 1

export function poolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()))
}

function startSlot(catalogPath: string, slots: Slot[]): Slot {
  const worker = startWorker('curves-read', { catalogPath })
  worker.unref()
  const slot: Slot = { worker, pending: new Map() }
  const fail = (e: Error): void => {
    const i = slots.indexOf(slot)
    if (i !== -1) slots.splice(i, 1)
    for (const p of slot.pending.values()) p.reject(e)
    slot.pending.clear()
  }
  worker.on('message', (m: PoolReply) => {
    const p = slot.pending.get(m.id)
    if (!p) return
    slot.pending.delete(m.id)
    if ('error' in m) p.reject(new LabError(m.error.code, m.error.message, { hint: m.error.hint }))
    else p.resolve(m.result)
  })
  worker.on('error', fail)
  worker.on('exit', (code) => fail(new Error(`curves-read worker exited with code ${code}`)))
  return slot
}

function slotsFor(catalogPath: string): Slot[] {
  let slots = pools.get(catalogPath)
  if (!slots) pools.set(catalogPath, (slots = []))
  while (slots.length < poolSize()) slots.push(startSlot(catalogPath, slots))
  return slots
}

/** Read one chunk of lines in worker `index` of the catalog's pool. */
export function readInPool(catalogPath: string, index: number, tasks: LineTask[], options: LineOptions): Promise<LinesResult> {
  const slots = slotsFor(catalogPath)
  const slot = slots[index % slots.length]
  const id = nextId++
  return new Promise<LinesResult>((resolve, reject) => {
    slot.pending.set(id, { resolve, reject })
    slot.worker.postMessage({ id, tasks, options } satisfies PoolRequest)
  })
}

/** Stop the workers of one catalog (when the lab closes it) or of all. */
export async function closeCurvePool(catalogPath?: string): Promise<void> {
  const paths = catalogPath === undefined ? [...pools.keys()] : [catalogPath]
  const stopping: Promise<number>[] = []
  for (const p of paths) {
    for (const s of pools.get(p) ?? []) stopping.push(s.worker.terminate())
    pools.delete(p)
  }
  await Promise.all(stopping)
}
