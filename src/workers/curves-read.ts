/**
 * Worker: reads and samples the points of a chart's lines (core/curves/curve-lines) on a read-only connection kept
 * for the worker's life; it answers requests one after another (core/curves/curve-pool.ts), off the lab's thread.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { toErrorInfo } from '../shared/errors'
import { curveLines } from '../core/curves/curve-lines'
import type { PoolReply, PoolRequest } from '../core/curves/curve-pool'

const port = parentPort
if (!port) throw new Error('curves-read must run in a worker thread')
let db: Database.Database | undefined
const connection = (): Database.Database => {
  if (!db) {
    db = new Database((workerData as { catalogPath: string }).catalogPath, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
  }
  return db
}
port.on('message', (req: PoolRequest) => {
  let reply: PoolReply
  try {
    reply = { id: req.id, result: curveLines(connection(), req.tasks, req.options) }
  } catch (e) {
    reply = { id: req.id, error: toErrorInfo(e) }
  }
  port.postMessage(reply)
})
