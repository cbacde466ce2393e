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
  /** 'closed' (FIN), 'reset' (ECONNRESET / EPIPE) or 'timeout' (nothing more within waitMs) */
  ended: 'closed' | 'reset' | 'timeout'
}

/** Send `head` (and then `body` when given), collect the reply until the host closes or waitMs passes with the reply complete or nothing. */
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
    socket.on('data', (c: Buffer) => chunks.push(c))
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
