// Compression as a client of the production build sees it: the trust page in the coding asked
// for (compressed once per version, an ETag per coding, 304 kept), its stylesheet from the
// build-time copies, other pages compressed on the fly only when nothing in them can be a
// secret of the person asking (BREACH), and Chromium reading all of it.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_WORKSPACE } from '~/modules/tenancy/demo-seed.server'
import { launchBrowser } from '../support/browser'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { decoded, rawRequest, varyOf } from '../support/raw-http'

let candor: RunningCandor
let browser: Browser

beforeAll(async () => {
  ;[candor, browser] = await Promise.all([startCandor({ NODE_ENV: 'test', CANDOR_ROLE: 'web' }), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await candor?.stop()
})

const trustPage = `/t/${DEMO_WORKSPACE.slug}`
const get = (path: string, headers: Record<string, string> = {}) => rawRequest(`${candor.url}${path}`, { headers })

describe('the trust page', () => {
  it('is sent in brotli or gzip as asked, with Vary, decoding to the same bytes, and 304 for each coding’s ETag', async () => {
    // The first request renders the page (React Router), the next ones come from the cache
    // before Express: both answer the same way.
    const first = await get(trustPage, { 'accept-encoding': 'gzip, deflate, br, zstd' })
    const identity = await get(trustPage)
    expect(identity.status).toBe(200)
    expect(identity.headers['content-encoding']).toBeUndefined()
    expect(Number(identity.headers['content-length'])).toBe(identity.body.length)
    expect(identity.body.toString()).toContain('</html>')
    expect(varyOf(identity)).toContain('accept-encoding')
    expect((await get(trustPage, { 'accept-encoding': 'identity' })).body.equals(identity.body)).toBe(true)

    for (const [accept, coding] of [['gzip, deflate, br, zstd', 'br'], ['br', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip']]) {
      const response = await get(trustPage, { 'accept-encoding': accept! })
      expect(response.status).toBe(200)
      expect(response.headers['content-encoding']).toBe(coding)
      expect(varyOf(response)).toContain('accept-encoding')
      expect(response.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600')
      expect(Number(response.headers['content-length'])).toBe(response.body.length)
      expect(decoded(response).equals(identity.body)).toBe(true)
      expect(response.headers.etag).not.toBe(identity.headers.etag)
      const revalidated = await get(trustPage, { 'accept-encoding': accept!, 'if-none-match': response.headers.etag! })
      expect(revalidated.status).toBe(304)
      expect(revalidated.body.length).toBe(0)
      expect(revalidated.headers.etag).toBe(response.headers.etag)
    }
    expect(first.headers['content-encoding']).toBe('br')
    expect(decoded(first).equals(identity.body)).toBe(true)
    expect((await get(trustPage, { 'if-none-match': identity.headers.etag! })).status).toBe(304)
  })

  it('links a stylesheet served from its build-time brotli and gzip copies', async () => {
    const html = (await get(trustPage)).body.toString()
    const stylesheet = /href="(\/assets\/trust-page-[^"]+\.css)"/.exec(html)![1]!
    const plain = await get(stylesheet)
    expect(plain.headers['content-encoding']).toBeUndefined()
    for (const coding of ['br', 'gzip']) {
      const response = await get(stylesheet, { 'accept-encoding': coding })
      expect(response.headers['content-encoding']).toBe(coding)
      expect(response.headers['content-type']).toBe('text/css; charset=utf-8')
      expect(Number(response.headers['content-length'])).toBe(response.body.length)
      expect(varyOf(response)).toContain('accept-encoding')
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(response.headers.etag).not.toBe(plain.headers.etag)
      expect(decoded(response).equals(plain.body)).toBe(true)
    }
  })

  it('reads compressed in Chromium, page and stylesheet', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const codings = new Map<string, string | undefined>()
    page.on('response', async (response) => codings.set(new URL(response.url()).pathname, (await response.allHeaders())['content-encoding']))
    await page.goto(`${candor.url}${trustPage}`)
    const rules = await page.evaluate(() => [...document.styleSheets].reduce((count, sheet) => count + sheet.cssRules.length, 0))
    expect(rules).toBeGreaterThan(50)
    expect(codings.get(trustPage)).toBe('br')
    expect([...codings].find(([path]) => path.endsWith('.css'))?.[1]).toBe('br')
    await context.close()
  })
})

describe('other pages', () => {
  it('are compressed on the fly for a visitor without cookies, with Vary', async () => {
    const home = await get('/', { 'accept-encoding': 'br, gzip' })
    expect(home.status).toBe(200)
    expect(home.headers['content-encoding']).toBe('br')
    expect(varyOf(home)).toContain('accept-encoding')
    expect(decoded(home).toString()).toContain('</html>')
    expect((await get('/')).headers['content-encoding']).toBeUndefined()
    expect((await get('/', { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined()
  })

  it('never compresses the development mailbox, whose e-mails hold sign-in codes next to text anyone can send', async () => {
    const mailbox = await get('/dev/mailbox', { 'accept-encoding': 'br, gzip' })
    expect(mailbox.status).toBe(200)
    expect(mailbox.body.length).toBeGreaterThan(1024)
    expect(mailbox.headers['content-encoding']).toBeUndefined()
    expect(mailbox.headers['cache-control']).toBe('private, no-store, no-transform')
  })

  // A response that sets a cookie and has a body is in server/compress-responses.test.ts: the
  // ones here that set one are redirects.
  it('are never compressed when the request carries a cookie, and ask proxies not to compress them', async () => {
    // Asking for a sign-in code sets the sign-in cookie (the address and an encrypted code).
    const asked = await rawRequest(`${candor.url}/sign-in`, {
      method: 'POST',
      headers: { 'accept-encoding': 'br, gzip', 'content-type': 'application/x-www-form-urlencoded', origin: candor.url },
      body: new URLSearchParams({ email: 'breach@example.com' }).toString(),
    })
    expect(asked.headers['content-encoding']).toBeUndefined()
    const setCookie = [asked.headers['set-cookie'] ?? []].flat()
    expect(setCookie.length).toBeGreaterThan(0)
    const cookie = setCookie.map((line) => line.split(';')[0]).join('; ')

    // The code page shows the address the visitor typed, next to what the cookie holds.
    const codePage = await get('/sign-in/verify', { 'accept-encoding': 'br, gzip', cookie })
    expect(codePage.status).toBe(200)
    expect(codePage.body.toString()).toContain('breach@example.com')
    const home = await get('/', { 'accept-encoding': 'br, gzip', cookie })
    for (const [what, response] of [['code page', codePage], ['home with a cookie', home]] as const) {
      expect(response.body.length, what).toBeGreaterThan(1024)
      expect(response.headers['content-encoding'], what).toBeUndefined()
      expect(varyOf(response), what).not.toContain('accept-encoding')
      expect(response.headers['cache-control'], what).toMatch(/no-transform/)
    }
  })
})
