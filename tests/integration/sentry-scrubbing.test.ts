// The real Sentry SDK, pointed at a local stand-in for Sentry's ingest API: what leaves the
// process carries no e-mail address, IP address or query string.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { initSentry, reportError } from '~/modules/observability/sentry.server'
import { eventually } from '../support/eventually'

const envelopes: string[] = []
let server: http.Server

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString())
      res.writeHead(200).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  process.env.SENTRY_DSN = `http://publickey@127.0.0.1:${port}/42`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

// Built at run time: Sentry also sends the source lines around the error, and those must not
// contain the values literally for the assertions below to mean anything.
const email = ['ana.lopez', 'example.com'].join('@')
const ip = [203, 0, 113, 7].join('.')
const token = ['tok', 'en', 'value'].join('-')

it('reports an error with its personal data removed', async () => {
  expect(await initSentry()).toBe(true)
  reportError(new Error(`Could not reach ${email} from ${ip} via /p/acme?token=${token}`))
  const envelope = await eventually(
    async () => envelopes.find((e) => e.includes('"type":"event"')),
    { what: 'Sentry to send the event' },
  )
  expect(envelope).toContain('Could not reach [email] from [ip] via /p/acme?[query]')
  for (const secret of [email, ip, token]) expect(envelope).not.toContain(secret)
})
