import { describe, expect, it } from 'vitest'
import {
  ABSOLUTE_LIFETIME_MS,
  IDLE_TIMEOUT_MS,
  findSession,
  listSessions,
  revokeSessions,
  sessionCookie,
  startSession,
} from '~/modules/auth/sessions.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { ownerPool } from '~/modules/db/owner.server'
import { makeWorkspace } from '../support/factories'

const browser = { ip: '198.51.100.23', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }
const begin = (...args: [string, Parameters<typeof startSession>[2]?, Date?]) =>
  withPlatform((tx) => startSession(tx, ...args))
const later = (from: Date, ms: number) => new Date(from.getTime() + ms)

describe('sessions', () => {
  it('finds a session by its token, and stores only the token hash', async () => {
    const { owner } = await makeWorkspace()
    const { token, session } = await begin(owner.id, browser)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await findSession(token)).toMatchObject({ id: session.id, userId: owner.id })
    const { rows } = await ownerPool().query('SELECT token_hash, ip, user_agent FROM session WHERE id = $1', [
      session.id,
    ])
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(rows[0].token_hash).not.toContain(token)
    expect(rows[0]).toMatchObject({ ip: browser.ip, user_agent: browser.userAgent })
    expect(await findSession('made-up-token')).toBeNull()
    expect(await findSession('')).toBeNull()
  })

  it('ends after the idle timeout, and use keeps it alive', async () => {
    const { owner } = await makeWorkspace()
    const start = new Date()
    const { token } = await begin(owner.id, browser, start)
    const used = later(start, IDLE_TIMEOUT_MS - 60_000)
    expect(await findSession(token, used)).not.toBeNull()
    expect(await findSession(token, later(used, IDLE_TIMEOUT_MS - 60_000))).not.toBeNull()
    const idle = await begin(owner.id, browser, start)
    expect(await findSession(idle.token, later(start, IDLE_TIMEOUT_MS + 1000))).toBeNull()
  })

  it('ends at its absolute lifetime however much it is used', async () => {
    const { owner } = await makeWorkspace()
    const start = new Date()
    const { token } = await begin(owner.id, browser, start)
    for (let t = 0; t < ABSOLUTE_LIFETIME_MS; t += IDLE_TIMEOUT_MS / 2) {
      expect(await findSession(token, later(start, t))).not.toBeNull()
    }
    expect(await findSession(token, later(start, ABSOLUTE_LIFETIME_MS))).toBeNull()
  })

  it('revokes one session at once, and only the owner can', async () => {
    const { owner } = await makeWorkspace()
    const { owner: stranger } = await makeWorkspace()
    const { token, session } = await begin(owner.id, browser)
    expect(await revokeSessions(stranger.id, { only: session.id })).toBe(0)
    expect(await findSession(token)).not.toBeNull()
    expect(await revokeSessions(owner.id, { only: session.id }, browser)).toBe(1)
    expect(await findSession(token)).toBeNull()
  })

  it('signs out everywhere else, keeping this browser, and lists what is left', async () => {
    const { owner } = await makeWorkspace()
    const here = await begin(owner.id, browser)
    const laptop = await begin(owner.id, { ip: '203.0.113.5', userAgent: 'Safari' })
    const phone = await begin(owner.id, { ip: '203.0.113.6', userAgent: 'Chrome Mobile' })
    expect((await listSessions(owner.id)).map((s) => s.id).sort()).toEqual(
      [here.session.id, laptop.session.id, phone.session.id].sort(),
    )
    expect(await revokeSessions(owner.id, { except: here.session.id }, browser)).toBe(2)
    expect(await findSession(laptop.token)).toBeNull()
    expect(await findSession(phone.token)).toBeNull()
    expect(await findSession(here.token)).not.toBeNull()
    expect((await listSessions(owner.id)).map((s) => s.id)).toEqual([here.session.id])
  })

  it('audits sign-ins and revocations in the platform log', async () => {
    const { owner } = await makeWorkspace()
    const { session } = await begin(owner.id, browser)
    await revokeSessions(owner.id, { only: session.id }, browser)
    const { rows } = await ownerPool().query(
      `SELECT action, ip FROM audit_entry WHERE workspace_id IS NULL AND actor_id = $1 ORDER BY seq`,
      [owner.id],
    )
    expect(rows).toEqual([
      { action: 'session.start', ip: browser.ip },
      { action: 'session.revoke', ip: browser.ip },
    ])
  })
})

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Lax, and carries the token only', async () => {
    const cookie = sessionCookie()
    const header = await cookie.serialize('tok')
    expect(header).toMatch(/^candor_session=/)
    expect(header).toContain('HttpOnly')
    expect(header).toContain('SameSite=Lax')
    expect(header).toContain('Path=/')
    expect(await cookie.parse(header.split(';')[0]!)).toBe('tok')
  })
})
