// The session cookie's name and attributes in production and elsewhere. `__Host-` makes the
// browser refuse the cookie unless it is Secure, has Path=/ and no Domain, so a sibling
// subdomain cannot plant or overwrite it.
import { afterEach, describe, expect, it, vi } from 'vitest'

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://candor@db.internal/candor',
  APP_URL: 'https://candor.example',
  RESEND_API_KEY: 're_live',
  CANDOR_KEK: Buffer.alloc(32, 1).toString('base64'),
  PLATFORM_WORKSPACE_SLUG: 'candor',
}

/** sessionCookie() as a process started with `env` sees it (the environment is parsed once). */
async function sessionCookieUnder(env: Record<string, string>) {
  vi.resetModules()
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  const { sessionCookie } = await import('./sessions.server')
  return sessionCookie()
}

afterEach(() => {
  vi.unstubAllEnvs()
  vi.resetModules()
})

describe('sessionCookie', () => {
  it('is __Host-candor_session in production: Secure, Path=/, no Domain, HttpOnly, SameSite=Lax', async () => {
    const cookie = await sessionCookieUnder(PRODUCTION)
    expect(cookie.name).toBe('__Host-candor_session')
    const header = await cookie.serialize('opaque-token')
    expect(header).toMatch(/^__Host-candor_session=/)
    const attributes = header.split('; ').slice(1).map((a) => a.split('=')[0]!.toLowerCase())
    expect(attributes).toEqual(expect.arrayContaining(['path', 'secure', 'httponly', 'samesite']))
    expect(attributes).not.toContain('domain')
    expect(header).toContain('Path=/;')
    expect(header).toContain('SameSite=Lax')
    expect(await cookie.parse(header.split(';')[0]!)).toBe('opaque-token')
  })

  it('is candor_session without Secure in development, where http://127.0.0.1 has no TLS', async () => {
    const cookie = await sessionCookieUnder({ NODE_ENV: 'development' })
    expect(cookie.name).toBe('candor_session')
    const header = await cookie.serialize('opaque-token')
    expect(header).toMatch(/^candor_session=/)
    expect(header).not.toMatch(/; Secure/i)
  })
})
