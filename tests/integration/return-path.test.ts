// Step-up's return path (/account/confirm?next=…) through the route itself: whatever `next`
// says, the Cancel link and the redirect after confirming stay on Candor's own site.
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { requestInfoContext } from '~/modules/http/request-info'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { action, loader } from '~/routes/account/confirm'
import { makeWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const SITE = 'http://127.0.0.1:3000'

type Args = Parameters<typeof action>[0]

function routeArgs(request: Request): Args {
  const context = new RouterContextProvider()
  context.set(requestInfoContext, { nonce: 'n', clientIp: '198.51.100.7' })
  return { request, params: {}, context } as unknown as Args
}

async function signedInCookie() {
  const { owner } = await makeWorkspace()
  const { token } = await withPlatform((tx) => startSession(tx, owner.id))
  return { email: owner.email, cookie: await sessionCookie().serialize(token) }
}

const confirmUrl = (next: string) => `${SITE}/account/confirm?${new URLSearchParams({ next })}`

function post(url: string, cookie: string, form: Record<string, string>) {
  return new Request(url, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  })
}

async function newestConfirmationCode(email: string): Promise<string> {
  const { rows } = await ownerPool().query<{ subject: string }>(
    `SELECT subject FROM email_message WHERE "to" = $1 AND subject LIKE 'Your Candor confirmation code:%'
      ORDER BY created_at DESC LIMIT 1`,
    [email],
  )
  return /(\d{6})$/.exec(rows[0]!.subject)![1]!
}

const ATTACKS = ['/\t/evil.test/phish', '//evil.test/phish', '/\\evil.test/phish', '/.//evil.test/phish', 'https://evil.test/phish', 'javascript:alert(1)']

describe('/account/confirm?next=…', () => {
  it('the probe’s next=%2F%09%2Fevil.test%2Fphish: Cancel and the redirect after confirming stay here', async () => {
    const { email, cookie } = await signedInCookie()
    const url = `${SITE}/account/confirm?next=%2F%09%2Fevil.test%2Fphish`
    const page = await loader(routeArgs(new Request(url, { headers: { cookie } })) as never)
    expect(new URL(page.next, SITE).origin).toBe(SITE)

    await action(routeArgs(post(url, cookie, { intent: 'send' })))
    const answer = await action(routeArgs(post(url, cookie, { intent: 'confirm', code: await newestConfirmationCode(email) })))
    expect(answer).toBeInstanceOf(Response)
    const location = (answer as Response).headers.get('location')!
    expect(new URL(location, url).origin).toBe(SITE)
    expect(location).toBe('/app')
  })

  it.each(ATTACKS)('the Cancel link for next=%j is on this site', async (next) => {
    const { cookie } = await signedInCookie()
    const page = await loader(routeArgs(new Request(confirmUrl(next), { headers: { cookie } })) as never)
    expect(page.next).toBe('/app')
  })

  it('a path on this site is where confirming leads', async () => {
    const { email, cookie } = await signedInCookie()
    const url = confirmUrl('/account/security?required=Acme')
    const page = await loader(routeArgs(new Request(url, { headers: { cookie } })) as never)
    expect(page.next).toBe('/account/security?required=Acme')
    await action(routeArgs(post(url, cookie, { intent: 'send' })))
    const answer = await action(routeArgs(post(url, cookie, { intent: 'confirm', code: await newestConfirmationCode(email) })))
    expect((answer as Response).headers.get('location')).toBe('/account/security?required=Acme')
  })
})
