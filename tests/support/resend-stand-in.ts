// A local HTTP server in place of Resend's API: the real Resend SDK talks to it over HTTP.
// Each e-mail takes the next reply scripted for its subject ('ok' by default); 'hang' holds the
// response until released, to simulate a slow provider.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

type Reply = 'ok' | 'hang' | { status: number; body: unknown }
export type ReceivedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }

export async function startResendStandIn() {
  const received: ReceivedRequest[] = []
  const script = new Map<string, Reply[]>()
  const held: (() => void)[] = []
  let holdAll = false
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const body = JSON.parse(raw || '{}')
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
      const reply = script.get(String(body.subject))?.shift() ?? (holdAll ? 'hang' : 'ok')
      const ok = () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ id: randomUUID() }))
      }
      if (reply === 'ok') ok()
      else if (reply === 'hang') held.push(ok)
      else {
        res.writeHead(reply.status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(reply.body))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Replies for the next sends of the e-mail with this subject, in order. */
    replyTo: (subject: string, ...replies: Reply[]) => script.set(subject, replies),
    releaseHeld: () => held.splice(0).forEach((send) => send()),
    /** Hold (true) or answer (false) every e-mail that has no scripted reply. */
    holdEverything: (on: boolean) => {
      holdAll = on
    },
    heldCount: () => held.length,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export const providerError = (status = 500) => ({
  status,
  body: { statusCode: status, name: 'internal_server_error', message: 'Resend is having a bad day' },
})
