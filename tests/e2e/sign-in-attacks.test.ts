// Sign-in as an attacker would try it, over HTTP with a browser's cookie jar: guessing codes,
// replaying a used code or cookie, an expired code, a link opened elsewhere, a tampered cookie,
// floods of code requests, a stranger trying to lock someone out from another network, and a
// cross-site form post. The server takes the client's address from X-Forwarded-For here, so one
// test can speak from several networks.
import { faker } from '@faker-js/faker'
import type { APIRequestContext, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SIGN_IN_MESSAGES } from '~/modules/auth/sign-in.server'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { newestSignInMail } from '../support/sign-in-mail'

const app = serveCandorWithBrowser({ CLIENT_IP_HEADER: 'x-forwarded-for' })

type Client = { context: BrowserContext; api: APIRequestContext }

async function newClient(): Promise<Client> {
  const context = await app.browser.newContext()
  return { context, api: context.request }
}

/** `from`: the client's address as the proxy reports it (else the socket's, 127.0.0.1). */
function post(client: Client, path: string, form: Record<string, string>, follow = true, from?: string) {
  return client.api.post(`${app.candor.url}${path}`, {
    form,
    headers: { origin: app.candor.url, ...(from ? { 'x-forwarded-for': from } : {}) },
    maxRedirects: follow ? 20 : 0,
  })
}

async function askForCode(client: Client, email: string, from?: string) {
  const asked = new Date(Date.now() - 1000)
  const response = await post(client, '/sign-in', { email }, false, from)
  expect(response.status()).toBe(302)
  expect(response.headers().location).toBe('/sign-in/verify')
  return newestSignInMail(email, asked)
}

async function sessionCookieOf(client: Client) {
  return (await client.context.cookies()).find((cookie) => cookie.name === 'candor_session')
}

async function totpCookieOf(client: Client) {
  const cookie = (await client.context.cookies()).find((c) => c.name === '_totp')
  if (!cookie) throw new Error('no pending sign-in cookie')
  return cookie
}

/** A second browser holding a copy of `client`'s pending sign-in cookie (value edited by `edit`). */
async function cloneWithTotpCookie(client: Client, edit = (value: string) => value): Promise<Client> {
  const cookie = await totpCookieOf(client)
  const clone = await newClient()
  await clone.context.addCookies([{ name: '_totp', value: edit(cookie.value), url: app.candor.url }])
  return clone
}

const escaped = (message: string) => message.replace(/'/g, '&#x27;')

describe('sign-in under attack', () => {
  it('answers a known and an unknown e-mail the same way', async () => {
    const { owner } = await makeWorkspace()
    const known = await newClient()
    const unknown = await newClient()
    const a = await post(known, '/sign-in', { email: owner.email }, false)
    const b = await post(unknown, '/sign-in', { email: faker.internet.email().toLowerCase() }, false)
    expect([a.status(), a.headers().location]).toEqual([b.status(), b.headers().location])
    expect((await known.context.cookies()).map((c) => c.name)).toEqual(
      (await unknown.context.cookies()).map((c) => c.name),
    )
  })

  it('refuses wrong codes, then locks the code after 5 attempts, even in a fresh browser', async () => {
    const { owner } = await makeWorkspace()
    const client = await newClient()
    const mail = await askForCode(client, owner.email)
    const wrong = mail.code === '000000' ? '111111' : '000000'
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await post(client, '/sign-in/verify', { code: wrong })
      expect(await response.text()).toContain(escaped(SIGN_IN_MESSAGES.invalidTotp))
    }
    // Clearing cookies resets remix-auth-totp's own counter, not ours.
    const fresh = await cloneWithTotpCookie(client)
    const locked = await post(fresh, '/sign-in/verify', { code: mail.code })
    expect(locked.status()).toBe(429)
    expect(await locked.text()).toContain(escaped(SIGN_IN_MESSAGES.rateLimitExceeded))
    expect(await sessionCookieOf(fresh)).toBeUndefined()
  })

  it('accepts a code once: replaying it with the old cookie is refused', async () => {
    const { owner } = await makeWorkspace()
    const client = await newClient()
    const mail = await askForCode(client, owner.email)
    const replay = await cloneWithTotpCookie(client)
    const first = await post(client, '/sign-in/verify', { code: mail.code }, false)
    expect(first.status()).toBe(302)
    expect(await sessionCookieOf(client)).toBeDefined()
    const second = await post(replay, '/sign-in/verify', { code: mail.code })
    expect(second.status()).toBe(400)
    expect(await second.text()).toContain(escaped(SIGN_IN_MESSAGES.codeRefused))
    expect(await sessionCookieOf(replay)).toBeUndefined()
  })

  it('refuses an expired code, and only the newest code works', async () => {
    const { owner } = await makeWorkspace()
    const client = await newClient()
    const older = await askForCode(client, owner.email)
    const newer = await askForCode(client, owner.email)
    expect(newer.code).not.toBe('') // the older code is replaced, whatever its digits
    if (older.code !== newer.code) {
      const stale = await post(client, '/sign-in/verify', { code: older.code })
      expect(await stale.text()).toContain(escaped(SIGN_IN_MESSAGES.invalidTotp))
    }
    await ownerPool().query(
      "UPDATE sign_in_code SET expires_at = now() - interval '1 second' WHERE email = $1",
      [owner.email],
    )
    const expired = await post(client, '/sign-in/verify', { code: newer.code })
    expect(expired.status()).toBe(400)
    expect(await expired.text()).toContain(escaped(SIGN_IN_MESSAGES.codeRefused))
    expect(await sessionCookieOf(client)).toBeUndefined()
  })

  it('refuses a magic link opened in another browser, and it still works where it was asked for', async () => {
    const { owner, workspace } = await makeWorkspace()
    const client = await newClient()
    const mail = await askForCode(client, owner.email)
    const elsewhere = await newClient()
    const refused = await elsewhere.api.get(mail.link)
    expect(refused.status()).toBe(400)
    expect(await refused.text()).toContain(escaped(SIGN_IN_MESSAGES.missingSessionEmail))
    expect(await sessionCookieOf(elsewhere)).toBeUndefined()

    const accepted = await client.api.get(mail.link)
    expect(accepted.url()).toBe(`${app.candor.url}/w/${workspace.slug}`)
    // A tampered link is refused even in the right browser.
    const again = await askForCode(client, owner.email)
    const tampered = await (await newClient()).api.get(`${again.link}x`)
    expect(tampered.status()).toBe(400)
  })

  it("does not sign in as someone else by editing the e-mail in the pending sign-in cookie", async () => {
    const victim = (await makeWorkspace()).owner
    const victimClient = await newClient()
    await askForCode(victimClient, victim.email) // the victim has a code pending
    const attacker = await newClient()
    const own = await askForCode(attacker, faker.internet.email().toLowerCase())
    const forged = await cloneWithTotpCookie(attacker, (value) => {
      const params = new URLSearchParams(value)
      params.set('email', victim.email)
      return params.toString()
    })
    const response = await post(forged, '/sign-in/verify', { code: own.code })
    expect(await response.text()).toContain(escaped(SIGN_IN_MESSAGES.codeRefused))
    expect(await sessionCookieOf(forged)).toBeUndefined()
    const { rows } = await ownerPool().query(
      'SELECT count(*)::int AS n FROM session s JOIN "user" u ON u.id = s.user_id WHERE u.email = $1',
      [victim.email],
    )
    expect(rows[0].n).toBe(0)
  })

  it('limits code requests per e-mail, with a clear message', async () => {
    const email = faker.internet.email().toLowerCase()
    const client = await newClient()
    for (let i = 0; i < 5; i++) expect((await post(client, '/sign-in', { email }, false)).status()).toBe(302)
    const limited = await post(client, '/sign-in', { email }, false)
    expect(limited.status()).toBe(429)
    expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0)
    expect(await limited.text()).toMatch(/Too many sign-in codes were asked for\. Please try again in \d+ minutes?\./)
    // Someone else is not affected.
    const other = await post(client, '/sign-in', { email: faker.internet.email().toLowerCase() }, false)
    expect(other.status()).toBe(302)
  })

  it('a stranger on another network can neither replace, lock nor block the code someone asked for', async () => {
    const { owner } = await makeWorkspace()
    const victim = await newClient()
    const mail = await askForCode(victim, owner.email, '198.51.100.10')

    const attacker = await newClient()
    for (let i = 0; i < 5; i++) {
      expect((await post(attacker, '/sign-in', { email: owner.email }, false, '203.0.113.66')).status()).toBe(302)
    }
    const limited = await post(attacker, '/sign-in', { email: owner.email }, false, '203.0.113.66')
    expect(limited.status()).toBe(429)
    const wrong = mail.code === '000000' ? '111111' : '000000'
    for (let attempt = 1; attempt <= 6; attempt++) await post(attacker, '/sign-in/verify', { code: wrong }, true, '203.0.113.66')

    // The person's own code, from their own network, still signs them in.
    const signedIn = await post(victim, '/sign-in/verify', { code: mail.code }, false, '198.51.100.10')
    expect(signedIn.status()).toBe(302)
    expect(await sessionCookieOf(victim)).toBeDefined()
    // …and they may still ask for codes from there.
    expect((await post(await newClient(), '/sign-in', { email: owner.email }, false, '198.51.100.10')).status()).toBe(302)
  })

  it('accepts a code only from the network that asked for it, and says so', async () => {
    const { owner } = await makeWorkspace()
    const client = await newClient()
    const mail = await askForCode(client, owner.email, '198.51.100.30')
    const elsewhere = await post(client, '/sign-in/verify', { code: mail.code }, true, '203.0.113.30')
    expect(elsewhere.status()).toBe(400)
    expect(await elsewhere.text()).toContain(escaped(SIGN_IN_MESSAGES.codeRefused))
    expect(await sessionCookieOf(client)).toBeUndefined()
  })

  it('keeps a higher ceiling per address across networks, so guessing from many networks stays bounded', async () => {
    const email = faker.internet.email().toLowerCase()
    for (let network = 1; network <= 4; network++) {
      for (let i = 0; i < 5; i++) {
        expect((await post(await newClient(), '/sign-in', { email }, false, `192.0.2.${network}`)).status()).toBe(302)
      }
    }
    const ceiling = await post(await newClient(), '/sign-in', { email }, false, '192.0.2.99')
    expect(ceiling.status()).toBe(429)
    expect(await ceiling.text()).toMatch(/Too many sign-in codes were asked for\. Please try again in \d+ minutes?\./)
  })

  it('refuses a sign-in form posted from another website', async () => {
    const client = await newClient()
    const response = await client.api.post(`${app.candor.url}/sign-in`, {
      form: { email: faker.internet.email() },
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(403)
    expect(await response.text()).toContain('came from another website')
  })

  it('answers bad input with the field error, not a failure', async () => {
    const client = await newClient()
    const noEmail = await post(client, '/sign-in', { email: 'not-an-address' })
    expect(noEmail.status()).toBe(400)
    expect(await noEmail.text()).toContain(SIGN_IN_MESSAGES.invalidEmail)
    const json = await client.api.post(`${app.candor.url}/sign-in`, {
      data: { email: 'a@b.example' },
      headers: { origin: app.candor.url },
    })
    expect(json.status()).toBe(415)
    await askForCode(client, faker.internet.email().toLowerCase())
    const badCode = await post(client, '/sign-in/verify', { code: '12ab' })
    expect(badCode.status()).toBe(400)
    expect(await badCode.text()).toContain('Enter the 6-digit code from the e-mail.')
  })
})
