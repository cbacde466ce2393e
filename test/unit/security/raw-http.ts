/**
 * Speak HTTP byte by byte, as a hostile local process would: malformed request lines, duplicate headers,
 * lying Content-Length. Resolves with what came back and how the connection ended.
 */
import { connect } from 'node:net'

export interface RawReply {
  /** the status of the first response line, 0 when none came */
  status: number
  /** everything the host wrote */
  text: string
  /** the body after the first blank line */
  body: string
  /** 'answered' (a whole response arrived), 'closed' (FIN first), 'reset' (ECONNRESET / EPIPE) or 'timeout' (no whole response within waitMs) */
  ended: 'answered' | 'closed' | 'reset' | 'timeout'
}

/** True when `text` holds one whole response (Content-Length or chunked). */
function whole(text: string): boolean {
  const split = text.indexOf('\r\n\r\n')
  if (split < 0) return false
  const head = text.slice(0, split)
  const body = text.slice(split + 4)
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)
  if (length) return Buffer.byteLength(body, 'latin1') >= Number(length[1])
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) return body.endsWith('0\r\n\r\n')
  return false
}

/** Send `head` (and then `body` when given), collect the reply until a whole response came, the host closes, or waitMs passes. */
export function rawExchange(port: number, head: string, body?: Buffer, waitMs = 3000): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let done = false
    const finish = (ended: RawReply['ended']): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(chunks).toString('latin1')
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text)
      const split = text.indexOf('\r\n\r\n')
      resolve({ status: m ? Number(m[1]) : 0, text, body: split >= 0 ? text.slice(split + 4) : '', ended })
    }
    const timer = setTimeout(() => finish('timeout'), waitMs)
    socket.on('data', (c: Buffer) => {
      chunks.push(c)
      if (whole(Buffer.concat(chunks).toString('latin1'))) finish('answered')
    })
    socket.on('end', () => finish('closed'))
    socket.on('close', () => finish('closed'))
    socket.on('error', () => finish('reset'))
    socket.write(head)
    if (body) socket.write(body)
  })
}

/** The JSON body of a reply that may be chunked (Transfer-Encoding) or plain. */
export function jsonOf(reply: RawReply): unknown {
  const start = reply.body.indexOf('{')
  const end = reply.body.lastIndexOf('}')
  return JSON.parse(reply.body.slice(start, end + 1))
}
