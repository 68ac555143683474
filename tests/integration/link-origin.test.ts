// Links in e-mails point at Candor's own origin, whatever Host a request names. With APP_URL
// unset (development), a sign-in asked for with `Host: attacker.example` once mailed a magic
// link to attacker.example, carrying the person's sign-in token there.
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { env } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { requestInfoContext } from '~/modules/http/request-info'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { action as signInAction } from '~/routes/auth/sign-in'
import { action as subscribeAction } from '~/routes/trust/subprocessors-subscribe'
import { makeWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const ATTACKER = 'attacker.example'

/** A form post as the HTTP server hands it to React Router: its URL is built from the Host header. */
function postFromAttacker(path: string, form: Record<string, string>) {
  const request = new Request(`http://${ATTACKER}${path}`, {
    method: 'POST',
    headers: { host: ATTACKER, 'x-forwarded-host': ATTACKER, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  })
  const context = new RouterContextProvider()
  context.set(requestInfoContext, { nonce: 'n', clientIp: '203.0.113.9' })
  return { request, context }
}

async function newestMail(to: string) {
  const { rows } = await ownerPool().query<{ text: string }>(
    'SELECT text FROM email_message WHERE "to" = $1 ORDER BY created_at DESC LIMIT 1',
    [to],
  )
  return rows[0]!.text
}

const linksIn = (text: string) => text.match(/https?:\/\/[^\s<>]+/g) ?? []

describe('with APP_URL unset, a request naming Host: attacker.example', () => {
  const expected = `http://127.0.0.1:${env().PORT}`

  beforeAll(() => {
    // The development default: no APP_URL, the server listening on 127.0.0.1:PORT.
    expect(env().APP_URL).toBeUndefined()
    expect(env().HOST).toBe('127.0.0.1')
  })

  it('gets a sign-in e-mail whose magic link is at the server’s own address', async () => {
    const email = `victim-${Date.now()}@example.com`
    const { request, context } = postFromAttacker('/sign-in', { email })
    const answer = await signInAction({ request, context, params: {} } as never).catch((thrown: unknown) => thrown)
    expect(answer).toBeInstanceOf(Response)
    const links = linksIn(await newestMail(email))
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) expect(new URL(link).origin).toBe(expected)
  })

  it('gets a sub-processor subscription e-mail whose links are at the server’s own address', async () => {
    const { workspace } = await makeWorkspace()
    const email = `subscriber-${Date.now()}@example.com`
    const { request, context } = postFromAttacker(`/t/${workspace.slug}/subprocessors/subscribe`, { email })
    await subscribeAction({ request, context, params: { slug: workspace.slug } } as never)
    const links = linksIn(await newestMail(email))
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) expect(new URL(link).origin).toBe(expected)
    const { rows } = await ownerPool().query('SELECT public_origin FROM subprocessor_subscriber WHERE email = $1', [email])
    expect(rows).toEqual([{ public_origin: expected }])
  })
})
