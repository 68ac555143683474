// A customer's webhook endpoint for tests: a real HTTP server on a free local port that keeps
// every POST it receives (headers and raw body) and answers as the test says.
import { type IncomingHttpHeaders, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eventually } from './eventually'

export type ReceivedWebhook = { path: string; headers: IncomingHttpHeaders; body: string }
export type Responder = (received: ReceivedWebhook, response: ServerResponse) => void

export const answer = (status: number, text = '') => (_: ReceivedWebhook, response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'text/plain' }).end(text)
}

export async function startWebhookReceiver(respond: Responder = answer(204)) {
  const received: ReceivedWebhook[] = []
  const receiver = { received, respond }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const hook = { path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') }
      received.push(hook)
      receiver.respond(hook, response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    port,
    /** The POSTs received at `path`, once there are at least `count`. */
    waitFor: (path: string, count = 1, timeoutMs = 15_000) =>
      eventually(async () => {
        const atPath = received.filter((hook) => hook.path === path)
        return atPath.length >= count ? atPath : undefined
      }, { timeoutMs, what: `${count} webhook(s) at ${path}` }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  })
}
