import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { consumeRateLimit, deleteExpiredRateLimits, firstRefusal } from '~/modules/security/rate-limit.server'

// Hour-long windows: a window boundary falling inside a test is then vanishingly unlikely.
const rule = (name: string, limit = 3, windowSeconds = 3600) => ({ name, limit, windowSeconds })

describe('consumeRateLimit', () => {
  it('allows the limit, then refuses with the time left in the window', async () => {
    const results = []
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(rule('sign-in'), '198.51.100.1'))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0])
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0)
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(3600)
  })

  it('counts each subject and each rule separately', async () => {
    await consumeRateLimit(rule('a', 1), 'x@example.com')
    expect((await consumeRateLimit(rule('a', 1), 'y@example.com')).allowed).toBe(true)
    expect((await consumeRateLimit(rule('b', 1), 'x@example.com')).allowed).toBe(true)
    expect((await consumeRateLimit(rule('a', 1), 'x@example.com')).allowed).toBe(false)
  })

  it('holds exactly under concurrent attempts (one counter in the database)', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, () => consumeRateLimit(rule('burst', 10), '203.0.113.9')),
    )
    expect(results.filter((r) => r.allowed)).toHaveLength(10)
  })

  it('starts a new window when the old one ends', async () => {
    const short = rule('short', 1, 1)
    expect((await consumeRateLimit(short, 'z')).allowed).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await consumeRateLimit(short, 'z')).allowed).toBe(true)
  })

  it('never stores the subject itself, and sweeps ended windows', async () => {
    await consumeRateLimit(rule('privacy', 5, 1), 'private.person@example.com')
    const { rows } = await ownerPool().query("SELECT key FROM rate_limit_bucket WHERE key LIKE 'privacy:%'")
    expect(rows).toHaveLength(1)
    expect(rows[0].key).not.toContain('private.person')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect(await deleteExpiredRateLimits()).toBeGreaterThanOrEqual(1)
    const after = await ownerPool().query("SELECT key FROM rate_limit_bucket WHERE key LIKE 'privacy:%'")
    expect(after.rows).toEqual([])
  })
})

/** The counter's row as stored: its count and the transaction that last wrote it. */
async function counterRow(name: string) {
  const { rows } = await ownerPool().query<{ count: number; writer: string }>(
    'SELECT count, xmin::text AS writer FROM rate_limit_bucket WHERE key LIKE $1',
    [`${name}:%`],
  )
  return rows
}

describe('firstRefusal', () => {
  it('counts each limit in turn, and only while the ones before it allow the attempt', async () => {
    const address = rule('form.ip', 2)
    const email = rule('form.email', 1)
    const attempt = (ip: string, to: string) =>
      firstRefusal([
        [address, ip, 'address'],
        [email, to, 'email'],
      ])
    expect(await attempt('192.0.2.1', 'a@example.com')).toBeNull()
    // Refused for the e-mail: the address was counted (as two separate counts would have).
    expect(await attempt('192.0.2.1', 'a@example.com')).toMatchObject({ outcome: 'rate_limited', by: 'email' })
    // Refused for the address: the e-mail of this attempt is not counted, so it still works elsewhere.
    expect(await attempt('192.0.2.1', 'b@example.com')).toMatchObject({ outcome: 'rate_limited', by: 'address' })
    expect(await attempt('192.0.2.2', 'b@example.com')).toBeNull()
  })

  it('refuses a flood without writing: the full counter is read, never updated', async () => {
    const address = rule('flood.ip', 2)
    for (let i = 0; i < 2; i++) expect(await firstRefusal([[address, '203.0.113.7', 'address']])).toBeNull()
    const [full] = await counterRow('flood.ip')
    const refusals = await Promise.all(Array.from({ length: 20 }, () => firstRefusal([[address, '203.0.113.7', 'address']])))
    expect(refusals.every((refusal) => refusal?.outcome === 'rate_limited' && refusal.retryAfterSeconds > 0)).toBe(true)
    expect(await counterRow('flood.ip')).toEqual([full])
  })

  it('holds each limit exactly under concurrent attempts', async () => {
    const address = rule('crowd.ip', 7)
    const email = rule('crowd.email', 4)
    const emails = Array.from({ length: 30 }, (_, i) => (i % 2 ? 'even@example.com' : 'odd@example.com'))
    const outcomes = await Promise.all(
      emails.map((to) =>
        firstRefusal([
          [address, '198.51.100.20', 'address'],
          [email, to, 'email'],
        ]),
      ),
    )
    // Exactly 7 get past the address. Which 7 is up to the race, so how many of them each
    // e-mail has is too; each e-mail then allows at most 4 of its own.
    const past = emails.filter((_, i) => outcomes[i]?.by !== 'address')
    expect(past).toHaveLength(7)
    for (const to of ['odd@example.com', 'even@example.com']) {
      const tried = past.filter((each) => each === to).length
      const allowed = emails.filter((each, i) => each === to && outcomes[i] === null).length
      expect(allowed).toBe(Math.min(tried, 4))
    }
  })
})

