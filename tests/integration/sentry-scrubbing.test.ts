// The real Sentry SDK, pointed at a local stand-in for Sentry's ingest API: what leaves the
// process carries no e-mail address, IP address or query string.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { initSentry, reportError } from '~/modules/observability/sentry.server'
import { eventually } from '../support/eventually'
import { startSentryStandIn } from '../support/sentry-stand-in'

let sentry: Awaited<ReturnType<typeof startSentryStandIn>>

beforeAll(async () => {
  sentry = await startSentryStandIn()
  process.env.SENTRY_DSN = sentry.dsn
})
afterAll(() => sentry.close())

// Built at run time: Sentry also sends the source lines around the error, and those must not
// contain the values literally for the assertions below to mean anything.
const email = ['ana.lopez', 'example.com'].join('@')
const ip = [203, 0, 113, 7].join('.')
const token = ['tok', 'en', 'value'].join('-')

it('reports an error with its personal data removed', async () => {
  expect(await initSentry()).toBe(true)
  reportError(new Error(`Could not reach ${email} from ${ip} via /p/acme?token=${token}`))
  const envelope = await eventually(
    async () => sentry.envelopes.find((e) => e.includes('"type":"event"')),
    { what: 'Sentry to send the event' },
  )
  expect(envelope).toContain('Could not reach [email] from [ip] via /p/acme?[query]')
  for (const secret of [email, ip, token]) expect(envelope).not.toContain(secret)
})
