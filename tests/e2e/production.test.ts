// The production build, as a visitor's browser and a hostile client see it.
import { randomBytes, randomInt } from 'node:crypto'
import http from 'node:http'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { launchBrowser } from '../support/browser'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { startSentryStandIn } from '../support/sentry-stand-in'

let candor: RunningCandor
let browser: Browser
let sentry: Awaited<ReturnType<typeof startSentryStandIn>>

beforeAll(async () => {
  sentry = await startSentryStandIn()
  ;[candor, browser] = await Promise.all([
    startCandor({
      NODE_ENV: 'production',
      RESEND_API_KEY: 're_unused_in_this_test',
      SENTRY_DSN: sentry.dsn,
      CANDOR_KEK: randomBytes(32).toString('base64'),
      PLATFORM_WORKSPACE_SLUG: 'candor',
    }),
    launchBrowser(),
  ])
})
afterAll(async () => {
  await browser?.close()
  expect(await candor?.stop()).toBe(0)
  await sentry?.close()
})

describe('the home page', () => {
  it('renders, hydrates under the CSP and logs no error or violation', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
    page.on('pageerror', (e) => problems.push(e.message))
    await page.exposeFunction('reportViolation', (d: string) => problems.push(`CSP: ${d}`))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation: (d: string) => void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      )
    })
    const response = await page.goto(candor.url)
    expect(response?.status()).toBe(200)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('honest trust center')
    // The client router took over: scripts ran, which they can only do with the nonce.
    await expect.poll(() => page.evaluate(() => '__reactRouterRouteModules' in window)).toBe(true)
    expect(problems).toEqual([])
    await context.close()
  })

  it('sends every security header, with a fresh nonce that matches the scripts', async () => {
    const first = await fetch(candor.url)
    const second = await fetch(candor.url)
    const html = await first.text()
    const csp = first.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(second.headers.get('content-security-policy')).not.toContain(nonce)
    expect(html).toContain(`nonce="${nonce}"`)
    expect(csp).not.toContain('unsafe-inline')
    expect(Object.fromEntries(first.headers)).toMatchObject({
      'strict-transport-security': 'max-age=63072000; includeSubDomains',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    })
    expect(first.headers.get('permissions-policy')).toContain('camera=()')
    expect(first.headers.has('x-powered-by')).toBe(false)
  })

  it('sends the security headers on static files and probes too', async () => {
    for (const path of ['/favicon.ico', '/healthz', '/no-such-page']) {
      const response = await fetch(candor.url + path)
      expect(response.headers.get('x-frame-options'), path).toBe('DENY')
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'self'")
    }
  })
})

describe('errors in production', () => {
  it('reports a browser error to Sentry without the personal data in it', async () => {
    const email = ['kim.lee', 'example.org'].join('@')
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(candor.url)
    await expect.poll(() => page.evaluate(() => '__reactRouterRouteModules' in window)).toBe(true)
    // The SDK loads after hydration: throw until an error is reported.
    const envelope = await eventually(
      async () => {
        await page.evaluate((address) => {
          setTimeout(() => {
            throw new Error(`Checkout failed for ${address}`)
          })
        }, email)
        await new Promise((resolve) => setTimeout(resolve, 250))
        return sentry.envelopes.find((e) => e.includes('Checkout failed for'))
      },
      { what: 'the browser SDK to report the error' },
    )
    expect(envelope).toContain('Checkout failed for [email]')
    expect(envelope).not.toContain(email)
    await context.close()
  })

  it('answers an unknown page with a plain 404 and no stack trace', async () => {
    const response = await fetch(`${candor.url}/no-such-page`)
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('Page not found')
    expect(html).not.toMatch(/\bat .+\.(js|ts):\d+/)
  })

  it('answers a malformed address with 400, not 500', async () => {
    const response = await fetch(`${candor.url}/%E0%A4%A`)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('The address is not valid: it has a malformed %-escape')
  })

  it('answers a Host header that is not a host name with 400, not 500', async () => {
    for (const host of ['bad host', '[::1', 'candor.example:80/x y', '127.0.0.1:99999']) {
      const response = await send({ method: 'GET', path: '/', headers: { host }, body: [] })
      expect(response, host).toMatchObject({ status: 400, connection: 'close' })
      expect(response.body).toContain('The Host header of this request is not a host name with a valid port.')
    }
    const port = new URL(candor.url).port
    for (const host of [`127.0.0.1:${port}`, 'localhost', `[::1]:${port}`, 'candor.example.']) {
      expect((await send({ method: 'GET', path: '/', headers: { host }, body: [] })).status, host).toBe(200)
    }
    expect(candor.output()).not.toContain('"level":"error"')
  })

  it('answers a POST to a page without a form with 405, and logs no error', async () => {
    const response = await fetch(candor.url, {
      method: 'POST',
      headers: { origin: candor.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    })
    expect(response.status).toBe(405)
    expect(candor.output()).not.toContain('"level":"error"')
  })

  it('has no development mailbox', async () => {
    expect((await fetch(`${candor.url}/dev/mailbox`)).status).toBe(404)
  })
})

describe('probes', () => {
  it('answers /healthz and /readyz with JSON', async () => {
    const health = await fetch(`${candor.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${candor.url}/readyz`)
    expect(await ready.json()).toMatchObject({ status: 'ready' })
    // no-transform: a proxy must not compress what Candor keeps uncompressed (decision 025).
    expect(ready.headers.get('cache-control')).toBe('no-store, no-transform')
  })
})

describe('mutating requests', () => {
  it('refuses a form posted from another site with a clear message', async () => {
    const response = await fetch(`${candor.url}/dev/mailbox`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'to=a%40b.example',
    })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('came from another website')
  })

  it('refuses a body over the size limit before reading it', async () => {
    const response = await fetch(`${candor.url}/dev/mailbox`, {
      method: 'POST',
      headers: { origin: candor.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `text=${'x'.repeat(1_100_000)}`,
    })
    expect(response.status).toBe(413)
    expect(response.headers.get('connection')).toBe('close')
  })

  it('closes the connection after refusing a cross-site form, so its body is never read', async () => {
    const response = await send({
      method: 'POST',
      path: '/sign-in',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: ['email=a%40b.example'],
    })
    expect(response).toMatchObject({ status: 403, connection: 'close' })
  })

  it('refuses a chunked body (no declared length) with 411, whatever the method', async () => {
    for (const method of ['POST', 'GET', 'OPTIONS']) {
      const response = await send({
        method,
        path: '/sign-in',
        headers: { origin: candor.url, 'transfer-encoding': 'chunked' },
        body: ['email=', 'a%40b.example'],
      })
      expect(response, method).toMatchObject({ status: 411, connection: 'close' })
      expect(response.body).toContain('Send the request with a Content-Length header.')
    }
  })

  it('refuses a declared length over the limit on a GET too', async () => {
    const response = await send({
      method: 'GET',
      path: '/',
      headers: { 'content-length': '2000000' },
      body: [],
    })
    expect(response).toMatchObject({ status: 413, connection: 'close' })
  })
})

/**
 * One request on a connection the client would keep alive, headers exactly as given (fetch
 * adds and drops some).
 */
function send(request: {
  method: string
  path: string
  headers: Record<string, string>
  body: string[]
  /** The local address to send from (any 127.x.y.z): a client of its own to the rate limits. */
  from?: string
}) {
  const agent = new http.Agent({ keepAlive: true })
  type Answer = { status: number; connection?: string; retryAfter?: string; body: string }
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = http.request(`${candor.url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      agent,
      localAddress: request.from,
    })
    outgoing.on('error', reject)
    outgoing.on('response', (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          connection: response.headers.connection,
          retryAfter: response.headers['retry-after'],
          body,
        }),
      )
    })
    for (const chunk of request.body) outgoing.write(chunk)
    outgoing.end()
  }).finally(() => agent.destroy())
}

describe('CSP violation reports', () => {
  const report = (documentUri: string) =>
    JSON.stringify({
      'csp-report': {
        'document-uri': documentUri,
        'violated-directive': 'script-src-elem',
        'blocked-uri': 'https://cdn.evil.example/x.js?session=abc',
      },
    })
  const post = (body: string) =>
    fetch(`${candor.url}/api/csp-report`, {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body,
    })

  it('stores a report without its query strings', async () => {
    expect((await post(report(`${candor.url}/t/acme?email=ann%40example.com`))).status).toBe(204)
    const { rows } = await ownerPool().query(
      'SELECT document_uri, blocked_uri FROM csp_report ORDER BY created_at DESC LIMIT 1',
    )
    expect(rows[0]).toEqual({
      document_uri: `${candor.url}/t/acme`,
      blocked_uri: 'https://cdn.evil.example/x.js',
    })
  })

  it('answers a malformed or oversized report with 400 or 413 and stores nothing', async () => {
    const before = (await ownerPool().query('SELECT count(*)::int AS n FROM csp_report')).rows[0].n
    const bad = await post('{"nope": true}')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'The body is not a CSP violation report.' })
    expect((await post('not json')).status).toBe(400)
    expect((await post(report(`${candor.url}/${'a'.repeat(20_000)}`))).status).toBe(413)
    const after = (await ownerPool().query('SELECT count(*)::int AS n FROM csp_report')).rows[0].n
    expect(after).toBe(before)
  })

  it('takes 60 reports a minute from one address, refuses the rest and stores none of them', async () => {
    // From a loopback address of its own, so the reports of the tests above do not count.
    const flooder = `127.0.0.${randomInt(2, 255)}`
    const documentUri = `${candor.url}/flood`
    const startedMinute = Math.floor(Date.now() / 60_000)
    const answers = []
    const body = report(documentUri)
    for (let i = 0; i < 121; i++) {
      answers.push(
        await send({
          method: 'POST',
          path: '/api/csp-report',
          headers: { 'content-type': 'application/csp-report', 'content-length': String(Buffer.byteLength(body)) },
          body: [body],
          from: flooder,
        }),
      )
    }
    const sameMinute = Math.floor(Date.now() / 60_000) === startedMinute
    const accepted = answers.filter((a) => a.status === 204)
    const refused = answers.filter((a) => a.status !== 204)

    // Fixed one-minute windows of 60: the first 60 always pass; 121 reports fill at least one
    // window, and exactly one when no minute boundary fell inside the flood.
    expect(answers.slice(0, 60).map((a) => a.status)).toEqual(Array(60).fill(204))
    if (sameMinute) expect(accepted).toHaveLength(60)
    else expect(accepted.length).toBeLessThanOrEqual(120)
    for (const answer of refused) {
      expect(answer.status).toBe(429)
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60)
      expect(JSON.parse(answer.body)).toEqual({ error: 'Too many reports from this address; try again later.' })
    }
    const stored = await ownerPool().query('SELECT count(*)::int AS n FROM csp_report WHERE document_uri = $1', [
      documentUri,
    ])
    expect(stored.rows[0].n).toBe(accepted.length)

    // Another address is not held back by this one's flood.
    expect((await post(report(`${candor.url}/after-the-flood`))).status).toBe(204)
  })
})
